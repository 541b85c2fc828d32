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
import { errorMessage } from '../ui/errorMessage'
import { getScopes } from './api'
import { connectionQueries } from './queries'

/** Where a user pastes an API key when the server has none. The key is checked with SendGrid before it is kept. */
export default function ConnectPage({ apiHost }: { apiHost: string }) {
  const queryClient = useQueryClient()
  const [key, setKey] = useState('')
  const [remember, setRemember] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const check = useMutation({ mutationFn: (apiKey: string) => getScopes({ apiKey }) })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = key.trim()
    if (!trimmed) return setProblem('Paste an API key.')
    if (!trimmed.startsWith('SG.')) return setProblem('A SendGrid API key starts with “SG.”.')
    setProblem(null)
    check.mutate(trimmed, {
      onSuccess: (scopes) => {
        queryClient.setQueryData(connectionQueries.scopes().queryKey, scopes)
        setApiKey(trimmed, { remember })
      },
    })
  }

  const refused = check.error instanceof ApiError && check.error.status === 401
  const fieldProblem = problem ?? (refused ? 'SendGrid refused this key. Check it, or create a new one.' : null)

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
            value={key}
            onChange={(event) => setKey(event.target.value)}
            autoFocus
            required
            autoComplete="off"
            spellCheck={false}
            error={Boolean(fieldProblem)}
            helperText={fieldProblem ?? 'Kept in this tab only, and sent only to this dashboard’s server.'}
          />
          <FormControlLabel
            control={<Checkbox checked={remember} onChange={(event) => setRemember(event.target.checked)} />}
            label="Remember in this tab"
          />
          {check.isError && !refused && <Alert severity="error">{errorMessage(check.error)}</Alert>}
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
