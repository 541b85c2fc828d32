import CssBaseline from '@mui/material/CssBaseline'
import { ThemeProvider } from '@mui/material/styles'
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { BrowserRouter } from 'react-router'
import { AppRoutes } from './AppRoutes'
import { BackendContext, type Backend } from './backend'
import { NotificationsProvider } from '../ui/notifications'
import { theme } from './theme'

export function App({ backend, queryClient }: { backend: Backend; queryClient: QueryClient }) {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <BackendContext value={backend}>
          <NotificationsProvider>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </NotificationsProvider>
        </BackendContext>
      </QueryClientProvider>
    </ThemeProvider>
  )
}
