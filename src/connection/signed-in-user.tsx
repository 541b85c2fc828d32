import AccountCircle from '@mui/icons-material/AccountCircle'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useId, useState } from 'react'
import { connectionQueries } from './queries'

const AccountMenu = lazy(() => import('./account-menu'))

const ROLE_NAMES = { admin: 'Admin', viewer: 'Viewer' } as const

/**
 * Who is signed in, as one account menu that keeps the app bar to one row: their name and role, Sessions for an admin,
 * Sign out (this browser) and Sign out everywhere. Nothing where nobody signs in.
 */
export function SignedInUser() {
  const session = useQuery(connectionQueries.status()).data?.session
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const menuId = useId()
  if (!session?.user || (session.role !== 'admin' && session.role !== 'viewer')) return null
  const who = `${session.user.name ?? session.user.email} · ${ROLE_NAMES[session.role]}`
  return (
    <>
      <Button
        color="inherit"
        size="small"
        startIcon={<AccountCircle />}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        aria-controls={anchor ? menuId : undefined}
        aria-label={`Account: ${who}`}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ minWidth: 0, flexShrink: 1, textTransform: 'none' }}
      >
        {/* The name where there is room; the icon alone on a phone. */}
        <Box
          component="span"
          sx={{
            display: { xs: 'none', sm: 'inline' },
            maxWidth: 220,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
          }}
        >
          {who}
        </Box>
      </Button>
      {anchor && (
        <Suspense fallback={null}>
          <AccountMenu
            anchor={anchor}
            id={menuId}
            who={who}
            email={session.user.name ? session.user.email : undefined}
            admin={session.role === 'admin'}
            onClose={() => setAnchor(null)}
          />
        </Suspense>
      )}
    </>
  )
}
