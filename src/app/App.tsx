import CssBaseline from '@mui/material/CssBaseline'
import { ThemeProvider } from '@mui/material/styles'
import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { BrowserRouter } from 'react-router'
import { AppRoutes } from './AppRoutes'
import { DemoContext, type DemoControls } from './demo'
import { NotificationsProvider } from './notifications'
import { createQueryClient } from './queryClient'
import { theme } from './theme'

export function App({ demo = null }: { demo?: DemoControls | null }) {
  const [queryClient] = useState(createQueryClient)
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <DemoContext value={demo}>
          <NotificationsProvider>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </NotificationsProvider>
        </DemoContext>
      </QueryClientProvider>
    </ThemeProvider>
  )
}
