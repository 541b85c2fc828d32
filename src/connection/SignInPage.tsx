import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useLocation } from 'react-router'

/**
 * The dashboard behind a team's sign-in: a link to the server's sign-in, which goes to the company's identity
 * provider and comes back to this very address.
 */
export default function SignInPage({ ended }: { ended: boolean }) {
  const { pathname, search } = useLocation()
  const signIn = `/auth/login?returnTo=${encodeURIComponent(pathname + search)}`
  return (
    <Stack spacing={2} sx={{ maxWidth: 560 }}>
      <Typography variant="h4" component="h1">
        Sign in
      </Typography>
      {ended ? (
        <Alert severity="warning">Your session ended: sign in again.</Alert>
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
