import Alert from '@mui/material/Alert'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import Typography from '@mui/material/Typography'
import { useId } from 'react'
import { useNavigate } from 'react-router'
import { useNotify } from '../ui/notifications'
import { ConfirmDialog } from '../ui/confirm-dialog'
import type { PoolDetail } from './api'
import { useDeletePool } from './queries'

export default function DeletePoolDialog({ pool, onClose }: { pool: PoolDetail; onClose: () => void }) {
  const remove = useDeletePool()
  const notify = useNotify()
  const navigate = useNavigate()
  const listId = useId()

  return (
    <ConfirmDialog
      title="Delete pool"
      confirmLabel="Delete"
      destructive
      change={remove}
      variables={pool.name}
      onDone={() => {
        notify(`Pool “${pool.name}” deleted`)
        void navigate('/pools', { replace: true })
        onClose()
      }}
      onClose={onClose}
    >
      <Typography>
        Delete the pool <strong>“{pool.name}”</strong>?
      </Typography>
      {pool.ips.length === 0 ? (
        <Typography>It has no IP addresses.</Typography>
      ) : (
        <div>
          <Typography id={listId}>
            {pool.ips.length === 1
              ? 'This IP address leaves the pool'
              : `These ${pool.ips.length} IP addresses leave the pool`}
            . They stay on your account and in any other pools.
          </Typography>
          {/* Focusable, so the keyboard alone can scroll a long list. */}
          <List dense aria-labelledby={listId} tabIndex={0} sx={{ maxHeight: 200, overflow: 'auto' }}>
            {pool.ips.map(({ ip }) => (
              <ListItem key={ip} sx={{ fontFamily: 'monospace' }}>
                {ip}
              </ListItem>
            ))}
          </List>
        </div>
      )}
      <Alert severity="warning" role="note">
        Mail that still names “{pool.name}” will no longer be sent through these IPs.
      </Alert>
    </ConfirmDialog>
  )
}
