import AccountCircle from '@mui/icons-material/AccountCircle'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Divider from '@mui/material/Divider'
import ListSubheader from '@mui/material/ListSubheader'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Link as RouterLink } from 'react-router'
import { connectionQueries } from './queries'

const ROLE_NAMES = { admin: 'Admin', viewer: 'Viewer' } as const

/**
 * Who is signed in, as one account menu that keeps the app bar to one row: their name and role, Sessions for an admin,
 * Sign out (this browser) and Sign out everywhere. Nothing where nobody signs in.
 */
export function SignedInUser() {
  const session = useQuery(connectionQueries.status()).data?.session
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const menuId = useId()
  const signOutId = useId()
  const everywhereId = useId()
  if (!session?.user || (session.role !== 'admin' && session.role !== 'viewer')) return null
  const who = `${session.user.name ?? session.user.email} · ${ROLE_NAMES[session.role]}`
  const close = () => setAnchor(null)
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
      <Menu id={menuId} anchorEl={anchor} open={Boolean(anchor)} onClose={close}>
        <ListSubheader sx={{ lineHeight: 2.5, overflowWrap: 'anywhere' }}>
          Signed in as {who}
          {session.user.name && session.user.email && ` (${session.user.email})`}
        </ListSubheader>
        {session.role === 'admin' && (
          <MenuItem component={RouterLink} to="/sessions" onClick={close}>
            Sessions
          </MenuItem>
        )}
        <Divider />
        {/* Buttons of the forms below: signing out is a POST the server checks is from this site. */}
        <MenuItem component="button" type="submit" form={signOutId} sx={{ width: '100%' }}>
          Sign out
        </MenuItem>
        <MenuItem component="button" type="submit" form={everywhereId} sx={{ width: '100%' }}>
          Sign out everywhere
        </MenuItem>
      </Menu>
      <form id={signOutId} method="post" action="/auth/logout" hidden />
      <form id={everywhereId} method="post" action="/auth/logout-everywhere" hidden />
    </>
  )
}
