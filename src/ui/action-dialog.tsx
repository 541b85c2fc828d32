import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react'
import { errorMessage } from '../lib/error-message'

interface ActionDialogProps {
  title: string
  submitLabel: string
  /** "Close" where nothing is sent, so there is nothing to cancel. */
  cancelLabel?: string
  /** Deleting or removing: a red button, and Cancel takes the first focus. */
  destructive?: boolean
  /** What the dialog needs is still loading: it cannot be sent yet. */
  loading?: boolean
  /** A refusal from the server, shown in the dialog while what the user typed stays in place. */
  error?: unknown
  /** The change is on its way (its mutation's isPending): the dialog cannot be closed or sent again. */
  pending?: boolean
  /** Checks the input and sends the change (a mutation's mutate); false when the input has a problem and nothing was sent. */
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
  loading = false,
  error,
  pending = false,
  onSubmit,
  onClose,
  children,
}: ActionDialogProps) {
  const titleId = useId()
  // The lock closes at once, before the mutation's pending state has rendered (a fast double click cannot send
  // twice), and opens when that state ends.
  const sending = useRef(false)
  const submitButton = useRef<HTMLButtonElement>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (loading || pending || sending.current) return
    sending.current = onSubmit()
  }
  // The button was disabled while sending, which drops the keyboard's focus out of the dialog (where Escape and Tab
  // no longer reach it); once the answer is in and the button enabled again, focus comes back to it.
  const wasPending = useRef(false)
  useEffect(() => {
    if (pending) wasPending.current = true
    else sending.current = false
    if (!pending && wasPending.current) {
      wasPending.current = false
      const button = submitButton.current
      if (button && !button.closest('[role="dialog"]')?.contains(document.activeElement)) button.focus()
    }
  }, [pending])
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
        <Button
          ref={submitButton}
          type="submit"
          variant="contained"
          color={destructive ? 'error' : 'primary'}
          loading={pending || loading}
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
