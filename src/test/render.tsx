/** Renders the app at an address with a fresh cache (no retries), as a user would meet it. */
import { ThemeProvider } from '@mui/material/styles'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, useLocation, type Location } from 'react-router'
import { AppRoutes } from '../app/app-routes'
import { BackendContext, type Backend } from '../app/backend'
import { ReconnectProvider } from '../connection/reconnect-provider'
import { NotificationsProvider } from '../ui/notifications'
import { createQueryClient } from '../app/query-client'
import { theme } from '../app/theme'

interface RenderOptions {
  backend?: Backend
  /** The app's own retry policy rather than none, for tests of retrying. */
  appRetries?: boolean
}

export function renderApp(
  path: string,
  { backend = { mode: 'demo', reset: () => {} }, appRetries = false }: RenderOptions = {},
) {
  const queryClient = appRetries
    ? createQueryClient()
    : new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
  const seen: { location?: Location; entries: number } = { entries: 0 }
  function LocationProbe() {
    seen.location = useLocation()
    return null
  }
  const user = userEvent.setup()
  const view = render(
    <ThemeProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <BackendContext value={backend}>
          <NotificationsProvider>
            <ReconnectProvider>
              <MemoryRouter initialEntries={[path]}>
                <AppRoutes />
                <LocationProbe />
              </MemoryRouter>
            </ReconnectProvider>
          </NotificationsProvider>
        </BackendContext>
      </QueryClientProvider>
    </ThemeProvider>,
  )
  return { ...view, user, queryClient, location: () => seen.location! }
}

/** The one live region where notices are announced. */
export const notifications = () => screen.getByRole('status', { name: 'Notifications' })

/** Waits until the notifications say `text` (among any others queued with it). */
export async function expectNotice(text: string) {
  await waitFor(() => expect(notifications()).toHaveTextContent(text))
}

/** A button once it can be pressed: a page's actions stay disabled until what they act on has loaded. */
export function findEnabledButton(name: string) {
  return waitFor(() => {
    const button = screen.getByRole('button', { name })
    expect(button).toBeEnabled()
    return button
  })
}
