import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useLocation } from 'react-router'
import { MESSAGES, SIGN_IN_REFUSALS, type SignInRefusal } from '../shared/messages'

const isRefusal = (value: string | null): value is SignInRefusal =>
  value !== null && Object.hasOwn(SIGN_IN_REFUSALS, value)

/**
 * The dashboard behind a team's sign-in: a link to the server's sign-in, which goes to the company's identity
 * provider and comes back to this very address. A sign-in the server refused comes back here with `?refused=`.
 */
export default function SignInPage({ ended }: { ended: boolean }) {
  const { pathname, search } = useLocation()
  const refused = new URLSearchParams(search).get('refused')
  const returnTo = isRefusal(refused) ? '/' : pathname + search
  const signIn = `/auth/login?returnTo=${encodeURIComponent(returnTo)}`
  return (
    <Stack spacing={2} sx={{ maxWidth: 560 }}>
      <Typography variant="h4" component="h1">
        Sign in
      </Typography>
      {isRefusal(refused) ? (
        <Alert severity="error">{SIGN_IN_REFUSALS[refused]}</Alert>
      ) : ended ? (
        <Alert severity="warning">{MESSAGES.sessionEnded}</Alert>
      ) : (
        <Typography>This dashboard is shared by your team: sign in with your company account to use it.</Typography>
      )}
      <div>
        {/* A full page load: the sign-in leaves for the identity provider and comes back. */}
        <Button variant="contained" href={signIn}>
          Sign in
        </Button>
      </div>
    </Stack>
  )
}
