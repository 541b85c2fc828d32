import FormControlLabel from '@mui/material/FormControlLabel'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import Switch from '@mui/material/Switch'
import TextField from '@mui/material/TextField'
import { useState } from 'react'
import { PROVIDER_NAMES, PROVIDERS, type Provider } from '../shared/delivery'
import { MEASURES, QUIET_MINUTES, REMIND_HOURS, WINDOW_HOURS, type AlertScope, type Measure } from '../shared/alerts'
import type { AlertRuleView } from '../shared/alert-api'
import { ActionDialog } from '../ui/action-dialog'
import { useNotify } from '../ui/notifications'
import { useChange } from '../ui/use-change'
import { useField } from '../ui/use-field'
import { alertChanges } from './queries'

const SCOPE_KINDS = { 'every-pool': 'Each pool', pool: 'One pool', 'every-ip': 'Each IP', ip: 'One IP' } as const
type ScopeKind = keyof typeof SCOPE_KINDS

const DEFAULT_QUIET = 60
const DEFAULT_REMIND = 24

/** A field's check: a whole number within bounds. */
const wholeFrom =
  ({ min, max }: { min: number; max: number }, unit: string) =>
  (value: string) =>
    Number.isInteger(Number(value)) && Number(value) >= min && Number(value) <= max
      ? null
      : `Enter whole ${unit} from ${min} to ${max}.`

/** A threshold as typed: a per cent, or spam reports per 1,000 delivered. */
const shownThreshold = (measure: Measure, threshold: number) =>
  String(measure === 'spam' ? threshold : Math.round(threshold * 100_000) / 1000)

/** Adding a rule, or changing one (a default is changed or switched off here too). */
export default function RuleDialog({ rule, onClose }: { rule?: AlertRuleView; onClose: () => void }) {
  const save = useChange(alertChanges.saveRule)
  const notify = useNotify()
  const [measure, setMeasure] = useState<Measure>(rule?.measure ?? 'bounced')
  const [kind, setKind] = useState<ScopeKind>(rule?.scope.kind ?? 'every-pool')
  const [provider, setProvider] = useState<Provider | ''>(rule?.scope.provider ?? '')
  const [enabled, setEnabled] = useState(rule?.enabled ?? true)
  const one = kind === 'pool' || kind === 'ip'
  const name = useField(rule && 'name' in rule.scope ? rule.scope.name : '', (value) =>
    one && !value.trim() ? `Name the ${kind === 'ip' ? 'IP' : 'pool'}.` : null,
  )
  const perCent = measure !== 'spam'
  const threshold = useField(rule ? shownThreshold(rule.measure, rule.threshold) : '5', (value) => {
    const number = Number(value)
    if (value.trim() === '' || !(number > 0)) return 'Enter a threshold above 0.'
    return perCent && number > 100 ? 'A share is at most 100 %.' : null
  })
  const windowHours = useField(String(rule?.windowHours ?? 24), wholeFrom(WINDOW_HOURS, 'hours'))
  const minVolume = useField(String(rule?.minVolume ?? 1000), (value) =>
    Number.isInteger(Number(value)) && Number(value) >= 1 ? null : 'Enter a whole number of messages from 1.',
  )
  const quietMinutes = useField(String(rule?.quietMinutes ?? DEFAULT_QUIET), wholeFrom(QUIET_MINUTES, 'minutes'))
  const remindHours = useField(String(rule?.remindHours ?? DEFAULT_REMIND), wholeFrom(REMIND_HOURS, 'hours'))

  const submit = () => {
    const checks = [name, threshold, windowHours, minVolume, quietMinutes, remindHours].map((field) => field.validate())
    if (checks.includes(false)) return false
    const within = provider ? { provider } : {}
    const scope: AlertScope = one ? { kind, name: name.value.trim(), ...within } : { kind, ...within }
    const value = Number(threshold.value)
    save.mutate(
      {
        ...(rule ? { id: rule.id } : {}),
        measure,
        scope,
        threshold: perCent ? value / 100 : value,
        windowHours: Number(windowHours.value),
        minVolume: Number(minVolume.value),
        enabled,
        // Kept only where they differ from the defaults every rule has.
        ...(Number(quietMinutes.value) !== DEFAULT_QUIET ? { quietMinutes: Number(quietMinutes.value) } : {}),
        ...(Number(remindHours.value) !== DEFAULT_REMIND ? { remindHours: Number(remindHours.value) } : {}),
      },
      {
        onSuccess: () => {
          notify(rule ? 'Alert rule saved' : 'Alert rule added')
          onClose()
        },
      },
    )
    return true
  }

  const numberField = (field: typeof threshold, label: string, unit: string) => (
    <TextField
      label={label}
      value={field.value}
      onChange={(event) => field.setValue(event.target.value)}
      inputMode="decimal"
      error={Boolean(field.shown)}
      helperText={field.shown ?? unit}
      required
    />
  )

  return (
    <ActionDialog
      title={rule ? 'Change alert rule' : 'Add alert rule'}
      submitLabel="Save"
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Stack spacing={2}>
        <TextField
          select
          label="Measure"
          value={measure}
          onChange={(event) => setMeasure(event.target.value as Measure)}
        >
          {Object.entries(MEASURES).map(([key, { name: measureName, fires }]) => (
            <MenuItem key={key} value={key}>
              {measureName} ({fires === 'above' ? 'fires above' : 'fires below'})
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Applies to"
          value={kind}
          onChange={(event) => setKind(event.target.value as ScopeKind)}
        >
          {Object.entries(SCOPE_KINDS).map(([key, label]) => (
            <MenuItem key={key} value={key}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        {one && (
          <TextField
            label={kind === 'ip' ? 'IP address' : 'Pool name'}
            value={name.value}
            onChange={(event) => name.setValue(event.target.value)}
            error={Boolean(name.shown)}
            helperText={name.shown ?? ' '}
            required
            autoComplete="off"
          />
        )}
        <TextField
          select
          label="Mailbox provider"
          value={provider}
          onChange={(event) => setProvider(event.target.value as Provider | '')}
          helperText="Only mail to this provider, or all mail"
        >
          <MenuItem value="">All providers</MenuItem>
          {PROVIDERS.map((one) => (
            <MenuItem key={one} value={one}>
              {PROVIDER_NAMES[one]}
            </MenuItem>
          ))}
        </TextField>
        {numberField(threshold, 'Threshold', perCent ? '% of messages sent' : 'spam reports per 1,000 delivered')}
        {numberField(windowHours, 'Window', 'hours looked back over, 1 to 24')}
        {numberField(minVolume, 'Minimum volume', 'messages below which it never fires')}
        {numberField(quietMinutes, 'Resolve after', 'minutes under the threshold; a shorter dip keeps it open')}
        {numberField(remindHours, 'Remind every', 'hours, while it stays open')}
        <FormControlLabel
          control={<Switch checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />}
          label="On"
        />
      </Stack>
    </ActionDialog>
  )
}
