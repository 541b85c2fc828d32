import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { ApiError } from '../lib/api-client'
import { setApiKey } from '../lib/api-key'
import { pageTitle } from '../ui/product'
import { errorMessage } from '../lib/error-message'
import { useField } from '../ui/use-field'
import { getScopes } from './api'
import { connectionQueries } from './queries'

const isRefusedKey = (error: unknown) => error instanceof ApiError && error.status === 401

/** Where a user pastes an API key when the server has none. The key is checked with SendGrid before it is kept. */
export default function ConnectPage({ apiHost }: { apiHost: string }) {
  const queryClient = useQueryClient()
  const key = useField('', (value) =>
    !value.trim()
      ? 'Paste an API key.'
      : value.trim().startsWith('SG.')
        ? null
        : 'A SendGrid API key starts with “SG.”.',
  )
  const [remember, setRemember] = useState(false)
  const check = useMutation({ mutationFn: (apiKey: string) => getScopes({ apiKey }) })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (check.isPending || !key.validate()) return
    const sent = key.value
    check.mutate(sent.trim(), {
      onSuccess: (scopes) => {
        queryClient.setQueryData(connectionQueries.scopes().queryKey, scopes)
        setApiKey(sent.trim(), { remember })
      },
      onError: (error) => {
        if (isRefusedKey(error)) key.refuse(sent, 'SendGrid refused this key. Check it, or create a new one.')
      },
    })
  }

  return (
    <Stack spacing={3} sx={{ maxWidth: 560 }}>
      <title>{pageTitle('Connect')}</title>
      <Typography variant="h4" component="h1">
        Connect to SendGrid
      </Typography>
      <Typography>
        Paste a SendGrid API key to manage this account's IP pools on <strong>{apiHost}</strong>. A read-only key (
        <code>ips.pools.read</code>, <code>ips.read</code>) shows the pools; changing them needs the matching create,
        update and delete permissions.
      </Typography>
      <Paper variant="outlined" component="form" method="post" noValidate onSubmit={submit} sx={{ p: 3 }}>
        <Stack spacing={2}>
          <TextField
            label="API key"
            type="password"
            value={key.value}
            onChange={(event) => key.setValue(event.target.value)}
            autoFocus
            required
            autoComplete="off"
            spellCheck={false}
            error={Boolean(key.shown)}
            helperText={key.shown ?? 'Kept in this tab only, and sent only to this dashboard’s server.'}
          />
          <FormControlLabel
            control={<Checkbox checked={remember} onChange={(event) => setRemember(event.target.checked)} />}
            label="Remember in this tab"
          />
          {check.isError && !isRefusedKey(check.error) && <Alert severity="error">{errorMessage(check.error)}</Alert>}
          <Button type="submit" variant="contained" loading={check.isPending} sx={{ alignSelf: 'flex-start' }}>
            Connect
          </Button>
        </Stack>
      </Paper>
      <Typography variant="body2" color="text.secondary">
        Without “Remember in this tab” the key is forgotten on reload; with it, when the tab closes. It is never written
        to local storage or put in an address. An administrator can instead set SENDGRID_API_KEY on the server, which
        then takes precedence.
      </Typography>
    </Stack>
  )
}
