import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import CircularProgress from '@mui/material/CircularProgress'
import Container from '@mui/material/Container'
import Link from '@mui/material/Link'
import Toolbar from '@mui/material/Toolbar'
import { visuallyHidden } from '@mui/utils'
import { Suspense } from 'react'
import { ErrorBoundary } from 'react-error-boundary'
import { NavLink, Link as RouterLink, Outlet, useLocation } from 'react-router'
import { LiveBadge } from '../connection/live-badge'
import { LiveGate } from '../connection/live-gate'
import { SignedInUser } from '../connection/signed-in-user'
import { useBackend } from './backend'
import { ColorSchemeToggle } from './color-scheme-toggle'
import { DemoBanner } from './demo-banner'
import { OfflineBanner } from './offline-banner'
import { Badge } from '../ui/badge'
import { PageError } from './page-error'
import { NavMenu } from './nav-menu'
import { NavigationProgress } from './navigation-progress'
import { useNeedingALook } from '../pools'
import { alertQueries } from '../alerts'
import { useQuery } from '@tanstack/react-query'
import { PRODUCT_NAME } from '../ui/product'

export function AppShell() {
  const backend = useBackend()
  const { pathname } = useLocation()
  const needing = useNeedingALook()
  // Alerts are counted where the server counts delivery figures: the same condition as the flags above.
  const alerts = useQuery({ ...alertQueries.view(), enabled: needing !== undefined })
  const open = alerts.data?.open.length
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
      <NavigationProgress />
      <AppBar position="static" component="header" elevation={0}>
        {/* One row at every width: the sections fold into a menu on a narrow screen, the account into its own. */}
        <Toolbar sx={{ gap: 1, flexWrap: 'nowrap' }}>
          <Link
            component={RouterLink}
            to="/pools"
            color="inherit"
            underline="none"
            variant="h6"
            noWrap
            sx={{ fontWeight: 600, flexShrink: 0 }}
            aria-label={PRODUCT_NAME}
          >
            {/* The whole name where there is room for it beside the app bar's buttons. */}
            IP Pool
            <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>
              {' '}
              Manager
            </Box>
          </Link>
          {backend.mode === 'demo' ? <Badge tone="warning">Demo</Badge> : <LiveBadge />}
          <Box sx={{ flexGrow: 1 }} />
          <Box component="nav" aria-label="Main" sx={{ display: { xs: 'none', md: 'flex' }, gap: 0.5 }}>
            <Sections needing={needing} open={open} />
          </Box>
          <NavMenu needingALook={needing && needing.pools + needing.ips + (open ?? 0)}>
            <Sections needing={needing} open={open} />
          </NavMenu>
          {backend.mode === 'live' && <SignedInUser />}
          <ColorSchemeToggle />
        </Toolbar>
      </AppBar>
      {backend.mode === 'demo' && <DemoBanner reset={backend.reset} />}
      <OfflineBanner />
      <Container component="main" id="main" tabIndex={-1} maxWidth="xl" sx={{ py: { xs: 2, sm: 4 }, outline: 'none' }}>
        {backend.mode === 'live' ? <LiveGate>{page}</LiveGate> : page}
      </Container>
    </>
  )
}

/** The app's sections, each with how many of its items need a look where the server keeps delivery figures. */
function Sections({ needing, open }: { needing: ReturnType<typeof useNeedingALook>; open?: number | undefined }) {
  return (
    <>
      <NavItem to="/pools" needingALook={needing?.pools}>
        Pools
      </NavItem>
      <NavItem to="/ips" needingALook={needing?.ips}>
        IP addresses
      </NavItem>
      <NavItem to="/alerts" needingALook={open} counted="open">
        Alerts
      </NavItem>
      <NavItem to="/layout">Layout</NavItem>
      <NavItem to="/activity">Activity</NavItem>
    </>
  )
}

/** A link in the app bar; the current section is marked for sight (underline) and for screen readers (aria-current). */
function NavItem({
  to,
  needingALook,
  counted = 'need a look',
  children,
}: {
  to: string
  needingALook?: number | undefined
  /** What the count is, read after it: "3 need a look", "1 open". */
  counted?: string
  children: string
}) {
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
        whiteSpace: 'nowrap',
        '&[aria-current="page"]': { textDecoration: 'underline', textUnderlineOffset: 6 },
      }}
    >
      {children}
      {Boolean(needingALook) && (
        <>
          <Box component="span" aria-hidden sx={COUNT_STYLE}>
            {needingALook}
          </Box>
          <span style={visuallyHidden}>{`, ${needingALook} ${counted}`}</span>
        </>
      )}
    </Link>
  )
}

const COUNT_STYLE = {
  ml: 0.75,
  px: 0.75,
  borderRadius: 8,
  fontSize: '0.75rem',
  fontWeight: 700,
  bgcolor: 'warning.main',
  color: 'warning.contrastText',
} as const
