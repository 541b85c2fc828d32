import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import { IncidentBanner } from '../alerts'

export type PoolFix = { kind: 'move' | 'remove'; ip: string; incident: string }

/**
 * A pool's open alerts and those of its IPs. An IP's comes with Remove and Move; the pool's own points to the IPs'
 * figures below, where the one to move or remove shows.
 */
export function PoolIncidentBanner({
  pool,
  ips,
  onFix,
}: {
  pool: string
  ips: string[]
  onFix: (fix: PoolFix) => void
}) {
  return (
    <IncidentBanner
      of={{ pool, ips }}
      fixes={({ id: incident, scope }) =>
        scope.by === 'ip' ? (
          <>
            <Button size="small" color="inherit" onClick={() => onFix({ kind: 'remove', ip: scope.name, incident })}>
              Remove {scope.name} from this pool
            </Button>
            <Button size="small" color="inherit" onClick={() => onFix({ kind: 'move', ip: scope.name, incident })}>
              Move {scope.name} to another pool
            </Button>
          </>
        ) : (
          <Typography variant="body2">
            Each IP&apos;s figures are in the table below, with Move and Remove for the one that crosses.
          </Typography>
        )
      }
    />
  )
}
