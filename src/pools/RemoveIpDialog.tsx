import Typography from '@mui/material/Typography'
import { useNotify } from '../ui/notifications'
import { ActionDialog } from '../ui/ActionDialog'
import { useRemoveIp } from './queries'

interface RemoveIpDialogProps {
  pool: string
  ip: string
  onClose: () => void
  onRemoved: () => void
}

export default function RemoveIpDialog({ pool, ip, onClose, onRemoved }: RemoveIpDialogProps) {
  const remove = useRemoveIp()
  const notify = useNotify()

  const submit = () => {
    remove.mutate(
      { pool, ip },
      {
        onSuccess: () => {
          notify(`${ip} removed from “${pool}”`)
          onRemoved()
        },
      },
    )
    return true
  }

  return (
    <ActionDialog
      title="Remove IP address"
      submitLabel="Remove"
      destructive
      pending={remove.isPending}
      error={remove.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography>
        Remove <strong>{ip}</strong> from the pool <strong>“{pool}”</strong>? The address stays on your account and in
        its other pools; mail sent through this pool will no longer use it.
      </Typography>
    </ActionDialog>
  )
}
