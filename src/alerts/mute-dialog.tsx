import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { scopeInWords, scopeKey, type AlertIncident } from '../shared/alert-api'
import { ActionDialog } from '../ui/action-dialog'
import { useNotify } from '../ui/notifications'
import { useChange } from '../ui/use-change'
import { alertChanges } from './queries'

const HOUR = 3600_000
const FOR = { '1 hour': HOUR, '4 hours': 4 * HOUR, '1 day': 24 * HOUR, '1 week': 7 * 24 * HOUR } as const

/** Mutes an incident's rule for its scope for a while: nothing opens or reminds there until then. */
export default function MuteDialog({ incident, onClose }: { incident: AlertIncident; onClose: () => void }) {
  const mute = useChange(alertChanges.mute)
  const notify = useNotify()
  const [length, setLength] = useState<keyof typeof FOR>('1 day')
  const where = scopeInWords(incident.scope)
  const submit = () => {
    const until = new Date(Date.now() + FOR[length]).toISOString()
    mute.mutate(
      { ruleId: incident.ruleId, scope: scopeKey(incident.scope), until },
      {
        onSuccess: () => {
          notify(`Rule muted for ${where} for ${length}`)
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
        {Object.keys(FOR).map((label) => (
          <MenuItem key={label} value={label}>
            {label}
          </MenuItem>
        ))}
      </TextField>
    </ActionDialog>
  )
}
