import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import CircularProgress from '@mui/material/CircularProgress'
import Container from '@mui/material/Container'
import Link from '@mui/material/Link'
import Toolbar from '@mui/material/Toolbar'
import { Suspense } from 'react'
import { ErrorBoundary } from 'react-error-boundary'
import { NavLink, Link as RouterLink, Outlet, useLocation } from 'react-router'
import { LiveBadge } from '../connection/live-badge'
import { LiveGate } from '../connection/live-gate'
import { useIsTeamAdmin } from '../connection/permissions'
import { SignedInUser } from '../connection/signed-in-user'
import { useBackend } from './backend'
import { ColorSchemeToggle } from './color-scheme-toggle'
import { DemoBanner } from './demo-banner'
import { OfflineBanner } from './offline-banner'
import { Badge } from '../ui/badge'
import { PageError } from './page-error'
import { PRODUCT_NAME } from '../ui/product'

export function AppShell() {
  const backend = useBackend()
  const { pathname } = useLocation()
  const page = (
    // A crash in one page keeps the app bar; moving to another address clears it.
    <ErrorBoundary FallbackComponent={PageError} resetKeys={[pathname]}>
      <Suspense fallback={<CircularProgress aria-label="Loading page" sx={{ display: 'block', mx: 'auto' }} />}>
        <Outlet />
      </Suspense>
    </ErrorBoundary>
  )
  return (
    <>
      <Link
        href="#main"
        sx={{
          position: 'absolute',
          left: 8,
          top: -48,
          zIndex: 'tooltip',
          p: 1,
          bgcolor: 'background.paper',
          '&:focus': { top: 8 },
        }}
      >
        Skip to content
      </Link>
      <AppBar position="static" component="header" elevation={0}>
        <Toolbar sx={{ gap: 1, flexWrap: 'wrap' }}>
          <Link
            component={RouterLink}
            to="/pools"
            color="inherit"
            underline="none"
            variant="h6"
            sx={{ fontWeight: 600 }}
          >
            {PRODUCT_NAME}
          </Link>
          {backend.mode === 'demo' ? <Badge tone="warning">Demo</Badge> : <LiveBadge />}
          <Box sx={{ flexGrow: 1 }} />
          <Box component="nav" aria-label="Main" sx={{ display: 'flex', gap: 0.5 }}>
            <NavItem to="/pools">Pools</NavItem>
            <NavItem to="/ips">IP addresses</NavItem>
            <NavItem to="/activity">Activity</NavItem>
            {backend.mode === 'live' && <SessionsNavItem />}
          </Box>
          {backend.mode === 'live' && <SignedInUser />}
          <ColorSchemeToggle />
        </Toolbar>
      </AppBar>
      {backend.mode === 'demo' && <DemoBanner reset={backend.reset} />}
      <OfflineBanner />
      <Container component="main" id="main" tabIndex={-1} maxWidth="lg" sx={{ py: { xs: 2, sm: 4 }, outline: 'none' }}>
        {backend.mode === 'live' ? <LiveGate>{page}</LiveGate> : page}
      </Container>
    </>
  )
}

/** Sessions, for the admins of a dashboard people sign in to. */
function SessionsNavItem() {
  return useIsTeamAdmin() ? <NavItem to="/sessions">Sessions</NavItem> : null
}

/** A link in the app bar; the current section is marked for sight (underline) and for screen readers (aria-current). */
function NavItem({ to, children }: { to: string; children: string }) {
  return (
    <Link
      component={NavLink}
      to={to}
      color="inherit"
      underline="hover"
      sx={{
        px: 1,
        py: 0.5,
        fontWeight: 500,
        '&[aria-current="page"]': { textDecoration: 'underline', textUnderlineOffset: 6 },
      }}
    >
      {children}
    </Link>
  )
}
