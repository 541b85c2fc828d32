import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react'
import { errorMessage } from './errorMessage'

interface ActionDialogProps {
  title: string
  submitLabel: string
  /** "Close" where nothing is sent, so there is nothing to cancel. */
  cancelLabel?: string
  /** Deleting or removing: a red button, and Cancel takes the first focus. */
  destructive?: boolean
  /** While the request runs the dialog cannot be closed or sent again. */
  pending: boolean
  /** A refusal from the server, shown in the dialog while what the user typed stays in place. */
  error?: unknown
  /** Checks the input and sends the request; returns whether it sent one. */
  onSubmit: () => boolean
  onClose: () => void
  children: ReactNode
}

/** A dialog that is one form: Enter or the submit button sends it, Escape or Cancel closes it. */
export function ActionDialog({
  title,
  submitLabel,
  cancelLabel = 'Cancel',
  destructive,
  pending,
  error,
  onSubmit,
  onClose,
  children,
}: ActionDialogProps) {
  const titleId = useId()
  // `pending` arrives a render or two after the request starts, so a fast double click could send twice:
  // this lock closes at once and opens when the request has ended.
  const sending = useRef(false)
  useEffect(() => {
    if (!pending) sending.current = false
  }, [pending])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (pending || sending.current) return
    sending.current = onSubmit()
  }
  // The paper is the form, so the title, fields and buttons scroll and submit as one.
  const paper = { component: 'form', noValidate: true, onSubmit: submit } as const
  return (
    <Dialog
      open
      onClose={pending ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
      slotProps={{ paper }}
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {children}
          {error ? <Alert severity="error">{errorMessage(error)}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={pending} autoFocus={destructive}>
          {cancelLabel}
        </Button>
        <Button type="submit" variant="contained" color={destructive ? 'error' : 'primary'} loading={pending}>
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
