import CssBaseline from '@mui/material/CssBaseline'
import { ThemeProvider } from '@mui/material/styles'
import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { BrowserRouter } from 'react-router'
import { AppRoutes } from './AppRoutes'
import { BackendContext, type Backend } from './backend'
import { NotificationsProvider } from '../ui/notifications'
import { createQueryClient } from './queryClient'
import { theme } from './theme'

export function App({ backend }: { backend: Backend }) {
  const [queryClient] = useState(createQueryClient)
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
