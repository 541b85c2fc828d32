import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { connectionQueries } from './queries'

const ROLE_NAMES = { admin: 'Admin', viewer: 'Viewer' } as const

/** Who is signed in, in what role, Sign out (this browser) and Sign out everywhere; nothing where nobody signs in. */
export function SignedInUser() {
  const session = useQuery(connectionQueries.status()).data?.session
  if (!session?.user || (session.role !== 'admin' && session.role !== 'viewer')) return null
  return (
    <>
      <Typography variant="body2" component="span" sx={{ overflowWrap: 'anywhere' }}>
        {session.user.name ?? session.user.email} · {ROLE_NAMES[session.role]}
      </Typography>
      {/* Forms, so signing out is a POST the server checks is from this site, and works without JavaScript. */}
      <form method="post" action="/auth/logout" style={{ display: 'inline' }}>
        <Button type="submit" color="inherit" size="small">
          Sign out
        </Button>
      </form>
      <form method="post" action="/auth/logout-everywhere" style={{ display: 'inline' }}>
        <Button type="submit" color="inherit" size="small">
          Sign out everywhere
        </Button>
      </form>
    </>
  )
}
