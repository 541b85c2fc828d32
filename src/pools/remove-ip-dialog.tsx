import Typography from '@mui/material/Typography'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { useNotify } from '../ui/notifications'
import { useRemoveIp } from './queries'
import { useUndo } from './undo'

interface RemoveIpDialogProps {
  pool: string
  ip: string
  onClose: () => void
  onRemoved: () => void
  /** The alert this is a fix for, named in the journal. */
  incident?: string
}

export default function RemoveIpDialog({ pool, ip, incident, onClose, onRemoved }: RemoveIpDialogProps) {
  const remove = useRemoveIp()
  const notify = useNotify()
  const undo = useUndo()

  return (
    <ConfirmDialog
      title="Remove IP address"
      confirmLabel="Remove"
      destructive
      change={remove}
      variables={{ pool, ip, ...(incident ? { incident } : {}) }}
      onDone={() => {
        notify(`${ip} removed from “${pool}”`, { undo: undo.removeIp({ pool, ip }) })
        onRemoved()
      }}
      onClose={onClose}
    >
      <Typography>
        Remove <strong>{ip}</strong> from the pool <strong>“{pool}”</strong>? The address stays on your account and in
        its other pools; mail sent through this pool will no longer use it.
      </Typography>
    </ConfirmDialog>
  )
}
