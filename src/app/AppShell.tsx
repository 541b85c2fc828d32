import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import Container from '@mui/material/Container'
import Link from '@mui/material/Link'
import Toolbar from '@mui/material/Toolbar'
import { ErrorBoundary } from 'react-error-boundary'
import { Link as RouterLink, Outlet, useLocation } from 'react-router'
import { LiveBadge } from '../connection/LiveBadge'
import { LiveGate } from '../connection/LiveGate'
import { useBackend } from './backend'
import { ColorSchemeToggle } from './ColorSchemeToggle'
import { DemoBanner } from './DemoBanner'
import { OfflineBanner } from './OfflineBanner'
import { PageError } from './PageError'

export const PRODUCT_NAME = 'IP Pool Manager'

export function AppShell() {
  const backend = useBackend()
  const { pathname } = useLocation()
  const page = (
    // A crash in one page keeps the app bar; moving to another address clears it.
    <ErrorBoundary FallbackComponent={PageError} resetKeys={[pathname]}>
      <Outlet />
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
          {backend.mode === 'demo' ? (
            <Box
              component="span"
              sx={{
                px: 1,
                borderRadius: 1,
                bgcolor: 'warning.light',
                color: 'common.black',
                fontSize: 13,
                fontWeight: 600,
              }}
            >
              Demo
            </Box>
          ) : (
            <LiveBadge />
          )}
          <Box sx={{ flexGrow: 1 }} />
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
