import CssBaseline from '@mui/material/CssBaseline'
import { ThemeProvider } from '@mui/material/styles'
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { BrowserRouter } from 'react-router'
import { ReconnectProvider } from '../connection/reconnect-provider'
import { AppRoutes } from './app-routes'
import { BackendContext, type Backend } from './backend'
import { NotificationsProvider } from '../ui/notifications'
import { theme } from './theme'

export function App({ backend, queryClient }: { backend: Backend; queryClient: QueryClient }) {
  return (
    // noSsr: nothing here is rendered on a server, so the stored scheme is read at once rather than after a second
    // render of the whole tree.
    <ThemeProvider theme={theme} noSsr>
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <BackendContext value={backend}>
          <NotificationsProvider>
            <ReconnectProvider>
              <BrowserRouter>
                <AppRoutes />
              </BrowserRouter>
            </ReconnectProvider>
          </NotificationsProvider>
        </BackendContext>
      </QueryClientProvider>
    </ThemeProvider>
  )
}
