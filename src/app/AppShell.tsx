import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import Container from '@mui/material/Container'
import Link from '@mui/material/Link'
import Toolbar from '@mui/material/Toolbar'
import { ErrorBoundary } from 'react-error-boundary'
import { Link as RouterLink, Outlet, useLocation } from 'react-router'
import { ColorSchemeToggle } from './ColorSchemeToggle'
import { DemoBanner, useDemo } from './demo'
import { PageError } from './PageError'

export const PRODUCT_NAME = 'IP Pool Manager'

export function AppShell() {
  const demo = useDemo()
  const { pathname } = useLocation()
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
        <Toolbar sx={{ gap: 1 }}>
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
          {demo && (
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
          )}
          <Box sx={{ flexGrow: 1 }} />
          <ColorSchemeToggle />
        </Toolbar>
      </AppBar>
      {demo && <DemoBanner demo={demo} />}
      <Container component="main" id="main" tabIndex={-1} maxWidth="lg" sx={{ py: { xs: 2, sm: 4 }, outline: 'none' }}>
        {/* A crash in one page keeps the app bar; moving to another address clears it. */}
        <ErrorBoundary FallbackComponent={PageError} resetKeys={[pathname]}>
          <Outlet />
        </ErrorBoundary>
      </Container>
    </>
  )
}
