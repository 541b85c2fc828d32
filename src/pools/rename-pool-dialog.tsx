import Alert from '@mui/material/Alert'
import TextField from '@mui/material/TextField'
import { useQuery } from '@tanstack/react-query'
import { ActionDialog } from '../ui/action-dialog'
import { useNotify } from '../ui/notifications'
import { useField } from '../ui/use-field'
import { isNameRefusal, localNameProblem, refusedNameProblem } from './name-field'
import { poolQueries, useRenamePool } from './queries'
import { useUndo } from './undo'

export default function RenamePoolDialog({ name, onClose }: { name: string; onClose: () => void }) {
  const pools = useQuery(poolQueries.list())
  const rename = useRenamePool()
  const notify = useNotify()
  const undo = useUndo()
  const others = (pools.data ?? []).filter((other) => other !== name)
  const newName = useField(name, (value) =>
    value === name ? 'Enter a new name for the pool.' : localNameProblem(value, others),
  )

  const submit = () => {
    if (!newName.validate()) return false
    const sent = newName.value
    rename.mutate(
      { name, newName: sent },
      {
        onSuccess: (renamed) => {
          notify(`Pool “${name}” renamed to “${renamed}”`, { undo: undo.rename({ name, newName: renamed }) })
          onClose()
        },
        // SendGrid's refusal of the name goes under the field; any other failure above the buttons.
        onError: (error) => {
          const refusal = refusedNameProblem(error, sent)
          if (refusal) newName.refuse(sent, refusal)
        },
      },
    )
    return true
  }

  return (
    <ActionDialog
      pending={rename.isPending}
      title="Rename pool"
      submitLabel="Save"
      error={isNameRefusal(rename.error) ? undefined : rename.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        label="Pool name"
        value={newName.value}
        onChange={(event) => newName.setValue(event.target.value)}
        autoFocus
        required
        autoComplete="off"
        onFocus={(event) => event.target.select()}
        error={Boolean(newName.shown)}
        helperText={newName.shown ?? ' '}
      />
      <Alert severity="warning" role="note">
        Mail is sent through a pool by its name. Mail that still names “{name}” (as <code>ip_pool_name</code> or in the
        SMTP API header) will no longer go out through this pool: update your senders to the new name.
      </Alert>
    </ActionDialog>
  )
}
