import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { scopeInWords, scopeKey, type AlertIncident } from '../shared/alert-api'
import { ActionDialog } from '../ui/action-dialog'
import { useField } from '../ui/use-field'
import { useNotify } from '../ui/notifications'
import { useChange } from '../ui/use-change'
import { timeOf } from './incident-table'
import { alertChanges } from './queries'

const HOUR = 3600_000
const FOR = { '1 hour': HOUR, '4 hours': 4 * HOUR, '1 day': 24 * HOUR, '1 week': 7 * 24 * HOUR } as const
const UNTIL_A_DATE = 'Until a date…'
/** The server's limit: past that, switch the rule off. */
const AT_MOST_DAYS = 90

/** Mutes an incident's rule for its scope for a while, or until a date: nothing opens or reminds there until then. */
export default function MuteDialog({ incident, onClose }: { incident: AlertIncident; onClose: () => void }) {
  const mute = useChange(alertChanges.mute)
  const notify = useNotify()
  const [length, setLength] = useState<keyof typeof FOR | typeof UNTIL_A_DATE>('1 day')
  // A local date and time, as the browser's picker gives it.
  const date = useField('', (value) => {
    const at = new Date(value).getTime()
    if (length !== UNTIL_A_DATE) return null
    if (!value || Number.isNaN(at)) return 'Choose the date and time the mute ends.'
    if (at <= Date.now()) return 'Choose a time to come.'
    return at > Date.now() + AT_MOST_DAYS * 24 * HOUR ? `At most ${AT_MOST_DAYS} days: past that, switch it off.` : null
  })
  const where = scopeInWords(incident.scope)
  const submit = () => {
    if (!date.validate()) return false
    const until = length === UNTIL_A_DATE ? new Date(date.value) : new Date(Date.now() + FOR[length])
    mute.mutate(
      { ruleId: incident.ruleId, scope: scopeKey(incident.scope), until: until.toISOString() },
      {
        onSuccess: () => {
          notify(`Rule muted for ${where} until ${timeOf(until.toISOString())}`)
          onClose()
        },
      },
    )
    return true
  }
  return (
    <ActionDialog
      title="Mute alert rule"
      submitLabel="Mute"
      pending={mute.isPending}
      error={mute.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography>
        While muted, this rule opens no new alert for {where} and sends no reminder. The open alert stays open until the
        figures recover.
      </Typography>
      <TextField select label="Mute for" value={length} onChange={(event) => setLength(event.target.value as never)}>
        {[...Object.keys(FOR), UNTIL_A_DATE].map((label) => (
          <MenuItem key={label} value={label}>
            {label}
          </MenuItem>
        ))}
      </TextField>
      {length === UNTIL_A_DATE && (
        <TextField
          label="Muted until"
          type="datetime-local"
          value={date.value}
          onChange={(event) => date.setValue(event.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          error={Boolean(date.shown)}
          helperText={date.shown ?? 'In your time zone'}
          required
        />
      )}
    </ActionDialog>
  )
}
