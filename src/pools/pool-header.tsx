import AddIcon from '@mui/icons-material/Add'
import DeleteIcon from '@mui/icons-material/Delete'
import EditIcon from '@mui/icons-material/Edit'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { PoolAction } from '../connection'
import { BackLink } from '../ui/back-link'

/** A button's state for an action: disabled while loading or where not allowed, described by the reason. */
export type ActionProps = { disabled: boolean; 'aria-describedby'?: string }

interface PoolHeaderProps {
  name: string
  /** How many IPs it has; undefined while loading. */
  count: number | undefined
  actionProps: (action: PoolAction) => ActionProps
  onAdd: () => void
  onRename: () => void
  onDelete: () => void
}

/** The way back to the list, the pool's name and size, and what can be done to the pool as a whole. */
export function PoolHeader({ name, count, actionProps, onAdd, onRename, onDelete }: PoolHeaderProps) {
  return (
    <>
      <BackLink to="/pools">IP pools</BackLink>
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}
      >
        <div style={{ minWidth: 0 }}>
          <Typography variant="h4" component="h1" sx={{ overflowWrap: 'anywhere' }}>
            {name}
          </Typography>
          {count !== undefined && (
            <Typography color="text.secondary">{count === 1 ? '1 IP address' : `${count} IP addresses`}</Typography>
          )}
        </div>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Button variant="contained" startIcon={<AddIcon />} {...actionProps('addIp')} onClick={onAdd}>
            Add IP
          </Button>
          <Button variant="outlined" startIcon={<EditIcon />} {...actionProps('renamePool')} onClick={onRename}>
            Rename
          </Button>
          <Button
            variant="outlined"
            color="error"
            startIcon={<DeleteIcon />}
            {...actionProps('deletePool')}
            onClick={onDelete}
          >
            Delete pool
          </Button>
        </Stack>
      </Stack>
    </>
  )
}
