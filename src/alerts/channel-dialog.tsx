import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState } from 'react'
import { alertChannelProblem, CHANNEL_KINDS, type AlertChannelInput, type ChannelKind } from '../shared/alert-api'
import { ActionDialog } from '../ui/action-dialog'
import { useNotify } from '../ui/notifications'
import { useChange } from '../ui/use-change'
import { alertChanges } from './queries'

type Field = 'name' | 'url' | 'secret' | 'routingKey' | 'to' | 'from'
const FIELDS: Record<ChannelKind, Field[]> = {
  slack: ['name', 'url'],
  webhook: ['name', 'url', 'secret'],
  pagerduty: ['name', 'routingKey', 'url'],
  email: ['name', 'to', 'from'],
}
const LABELS: Record<Field, string> = {
  name: 'Name',
  url: 'URL',
  secret: 'Signing secret',
  routingKey: 'Integration key',
  to: 'To',
  from: 'From',
}
const HELP: Partial<Record<ChannelKind, Partial<Record<Field, string>>>> = {
  slack: { url: 'The incoming webhook URL Slack gives, https://hooks.slack.com/services/…' },
  webhook: {
    url: 'Where each notification is posted as signed JSON',
    secret: 'At least 16 characters; the receiver checks the signature with it',
  },
  pagerduty: {
    routingKey: 'The integration key of an Events API v2 integration',
    url: 'Leave empty for https://events.pagerduty.com/v2/enqueue',
  },
  email: { to: 'Addresses, separated by commas', from: 'A sender verified in SendGrid' },
}

/** Adds a channel; its URL and keys are kept by the server and never shown again. */
export default function ChannelDialog({ emailReason, onClose }: { emailReason?: string; onClose: () => void }) {
  const save = useChange(alertChanges.saveChannel)
  const notify = useNotify()
  const [kind, setKind] = useState<ChannelKind>('slack')
  const [values, setValues] = useState<Record<Field, string>>({
    name: '',
    url: '',
    secret: '',
    routingKey: '',
    to: '',
    from: '',
  })
  const [tried, setTried] = useState(false)
  const input: AlertChannelInput = {
    kind,
    name: values.name,
    ...(values.url ? { url: values.url.trim() } : {}),
    ...(kind === 'webhook' ? { secret: values.secret } : {}),
    ...(kind === 'pagerduty' ? { routingKey: values.routingKey.trim() } : {}),
    ...(kind === 'email'
      ? {
          to: values.to
            .split(',')
            .map((one) => one.trim())
            .filter(Boolean),
          from: values.from.trim(),
        }
      : {}),
  }
  const problem = alertChannelProblem(input)
  // The shared check names its field first ("url must …"): the problem shows under that field.
  const fieldOf = (text: string | null) => FIELDS[kind].find((field) => text?.startsWith(field)) ?? 'name'
  const shownAt = tried && problem ? fieldOf(problem) : undefined

  const submit = () => {
    setTried(true)
    if (problem) return false
    save.mutate(
      { input },
      {
        onSuccess: (channel) => {
          notify(`Channel “${channel.name}” added`)
          onClose()
        },
      },
    )
    return true
  }

  return (
    <ActionDialog
      title="Add alert channel"
      submitLabel="Add"
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Stack spacing={2}>
        <TextField
          select
          label="Kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as ChannelKind)}
          helperText={kind === 'email' && emailReason ? `Email cannot be sent now. ${emailReason}` : ' '}
        >
          {Object.entries(CHANNEL_KINDS).map(([key, label]) => (
            <MenuItem key={key} value={key}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        {FIELDS[kind].map((field) => (
          <TextField
            key={field}
            label={LABELS[field]}
            value={values[field]}
            onChange={(event) => setValues({ ...values, [field]: event.target.value })}
            type={field === 'secret' || field === 'routingKey' ? 'password' : 'text'}
            autoComplete="off"
            required={!(kind === 'pagerduty' && field === 'url')}
            error={shownAt === field}
            helperText={shownAt === field ? problem : (HELP[kind]?.[field] ?? ' ')}
          />
        ))}
      </Stack>
    </ActionDialog>
  )
}
