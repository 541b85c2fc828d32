import Button from '@mui/material/Button'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { Link as RouterLink } from 'react-router'
import { ipPath, poolPath } from '../shared/app-paths'
import { figureInWords, scopeInWords, type AlertIncident } from '../shared/alert-api'
import { MEASURES } from '../shared/alerts'
import { KEY_COLUMN_FIXED } from '../ui/table-styles'
import { whenText } from '../lib/time-format'

export const timeOf = whenText

/** The IP's or pool's page, where the fixes are. */
export const incidentPath = ({ scope }: Pick<AlertIncident, 'scope'>) =>
  scope.by === 'ip' ? ipPath(scope.name) : poolPath(scope.name)

/** "Deferred 14.0 % (fires above 10.0 %) of 2,400 sent". */
export function figureAgainstThreshold(incident: AlertIncident): string {
  const { name, fires } = MEASURES[incident.measure]
  const volume = `${incident.volume.toLocaleString()} ${incident.measure === 'spam' ? 'delivered' : 'sent'}`
  return (
    `${name} ${figureInWords(incident.measure, incident.value)} of ${volume} ` +
    `(fires ${fires} ${figureInWords(incident.measure, incident.threshold)})`
  )
}

/** Who was told: each channel once, how many tries it took, and what it answered if the last did not get through. */
function toldText(incident: AlertIncident): string {
  if (!incident.attempts.length) return 'Nobody yet'
  const byChannel = new Map<string, AlertIncident['attempts']>()
  for (const attempt of incident.attempts)
    byChannel.set(attempt.channel, [...(byChannel.get(attempt.channel) ?? []), attempt])
  return [...byChannel]
    .map(([channel, attempts]) => {
      const last = attempts.at(-1)!
      const tries = attempts.length > 1 ? ` after ${attempts.length} tries` : ''
      return last.ok ? `${channel}${tries}` : `${channel}: not delivered${tries} (${last.answer || last.status})`
    })
    .join('; ')
}

interface IncidentTableProps {
  label: string
  incidents: AlertIncident[]
  resolved?: boolean
  /** Admins acknowledge and mute; viewers look. */
  onAcknowledge?: (incident: AlertIncident) => void
  onMute?: (incident: AlertIncident) => void
}

export function IncidentTable({ label, incidents, resolved, onAcknowledge, onMute }: IncidentTableProps) {
  return (
    <TableContainer sx={KEY_COLUMN_FIXED}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Where</TableCell>
            <TableCell>Figure</TableCell>
            <TableCell>{resolved ? 'When' : 'Since'}</TableCell>
            <TableCell>Told</TableCell>
            {!resolved && <TableCell>Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {incidents.map((incident) => (
            <TableRow key={incident.id}>
              <TableCell>
                <Link component={RouterLink} to={incidentPath(incident)}>
                  {scopeInWords(incident.scope)}
                </Link>
              </TableCell>
              <TableCell sx={{ minWidth: 220 }}>{figureAgainstThreshold(incident)}</TableCell>
              <TableCell sx={{ minWidth: 140 }}>
                {resolved
                  ? `${timeOf(incident.openedAt)} to ${timeOf(incident.resolvedAt!)}`
                  : timeOf(incident.openedAt)}
              </TableCell>
              <TableCell sx={{ overflowWrap: 'break-word', maxWidth: 320 }}>{toldText(incident)}</TableCell>
              {!resolved && (
                <TableCell>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    {incident.acknowledgedAt ? (
                      <Typography variant="body2" color="text.secondary">
                        Acknowledged by {incident.acknowledgedBy}
                      </Typography>
                    ) : (
                      onAcknowledge && (
                        <Button
                          size="small"
                          onClick={() => onAcknowledge(incident)}
                          aria-label={`Acknowledge the alert on ${scopeInWords(incident.scope)}`}
                        >
                          Acknowledge
                        </Button>
                      )
                    )}
                    {onMute && (
                      <Button
                        size="small"
                        onClick={() => onMute(incident)}
                        aria-label={`Mute this rule for ${scopeInWords(incident.scope)}`}
                      >
                        Mute
                      </Button>
                    )}
                  </Stack>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  )
}
