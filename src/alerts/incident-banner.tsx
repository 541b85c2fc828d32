import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Button from '@mui/material/Button'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { Link as RouterLink } from 'react-router'
import { useRole } from '../connection'
import { scopeInWords, type AlertIncident } from '../shared/alert-api'
import { useNotify } from '../ui/notifications'
import { useChange } from '../ui/use-change'
import { figureAgainstThreshold, timeOf } from './incident-table'
import { alertChanges, alertQueries } from './queries'

/** Whether an incident is about the page's IP, or its pool or one of the pool's IPs. */
const isAbout = (of: BannerOf, { scope }: AlertIncident) =>
  'ip' in of
    ? scope.by === 'ip' && scope.name === of.ip
    : scope.by === 'pool'
      ? scope.name === of.pool
      : (of.ips ?? []).includes(scope.name)

type BannerOf = { ip: string } | { pool: string; ips?: string[] }

/**
 * The open alerts of an IP, or of a pool and its IPs, at the top of its page, with the fixes the page offers (each
 * made from the incident, so the journal names it), Acknowledge, and the way to every alert. Read from the same
 * list as the navigation's count: no request of its own.
 */
export function IncidentBanner({
  of,
  fixes,
}: {
  of: BannerOf
  /** The page's own actions for this incident (Remove, Move, Stop warmup); admins only. */
  fixes?: (incident: AlertIncident) => ReactNode
}) {
  const alerts = useQuery(alertQueries.view())
  const admin = useRole() !== 'viewer'
  const acknowledge = useChange(alertChanges.acknowledge)
  const notify = useNotify()
  const open = (alerts.data?.open ?? []).filter((incident) => isAbout(of, incident))
  if (!open.length) return null
  return (
    <Stack spacing={1}>
      {open.map((incident) => (
        <Alert key={incident.id} severity="error" role="region" aria-label={`Alert on ${scopeInWords(incident.scope)}`}>
          <AlertTitle>
            Open alert since {timeOf(incident.openedAt)}: {scopeInWords(incident.scope)}
          </AlertTitle>
          {figureAgainstThreshold(incident)}.{incident.acknowledgedBy && ` Acknowledged by ${incident.acknowledgedBy}.`}
          <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, flexWrap: 'wrap', alignItems: 'center' }}>
            {admin && fixes?.(incident)}
            {admin && !incident.acknowledgedAt && (
              <Button
                size="small"
                color="inherit"
                onClick={() => acknowledge.mutate(incident.id, { onSuccess: () => notify('Alert acknowledged') })}
              >
                Acknowledge
              </Button>
            )}
            <Link component={RouterLink} to="/alerts" color="inherit">
              All alerts
            </Link>
          </Stack>
        </Alert>
      ))}
    </Stack>
  )
}
