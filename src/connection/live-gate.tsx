import CircularProgress from '@mui/material/CircularProgress'
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { Suspense, useEffect, useSyncExternalStore, type ReactNode } from 'react'
import { ApiError } from '../lib/api-client'
import { getApiKey, subscribeToApiKey } from '../lib/api-key'
import { lazyPage } from '../ui/lazy-page'
import { QueryProblem } from '../ui/query-problem'
import { SESSION_CODES } from '../shared/messages'
import { statusFromPage, type ProxyStatus } from './api'
import { connectionQueries } from './queries'

const ConnectPage = lazyPage(() => import('./connect-page'))
const SignInPage = lazyPage(() => import('./sign-in-page'))

const needsSignIn = (status: ProxyStatus) => Boolean(status.session?.signInRequired && !status.session.user)
const needsKey = (status: ProxyStatus, apiKey: string | null) => !status.keyOnServer && !apiKey

/** Whether the gate lets this visitor through to the dashboard: someone signed in where asked, and a key. */
export const gateIsOpen = (status: ProxyStatus, apiKey: string | null) =>
  !needsSignIn(status) && !needsKey(status, apiKey)

/** The code of the page the gate shows first, if the page's status says it shows one: loaded as the app starts. */
export function preloadGatePage(): Promise<void> | undefined {
  const status = statusFromPage()
  if (status && needsSignIn(status)) return SignInPage.preload()
  if (status && needsKey(status, getApiKey())) return ConnectPage.preload()
  return undefined
}

const spinner = <CircularProgress aria-label="Connecting" sx={{ display: 'block', mx: 'auto' }} />

/**
 * Live mode: the dashboard once there is someone signed in (where the server asks for it) and a key (the server's
 * or the user's); the Sign-in or Connect page until then.
 */
export function LiveGate({ children }: { children: ReactNode }) {
  const status = useQuery(connectionQueries.status())
  const apiKey = useSyncExternalStore(subscribeToApiKey, getApiKey)
  useSignOutOnSessionLoss()

  if (status.isPending) return spinner
  if (status.isError) return <QueryProblem query={status} what="the dashboard's connection to SendGrid" />
  if (needsSignIn(status.data)) {
    return (
      <Suspense fallback={spinner}>
        <SignInPage ended={Boolean(status.data.session?.ended)} />
      </Suspense>
    )
  }
  if (needsKey(status.data, apiKey)) {
    return (
      <Suspense fallback={spinner}>
        <ConnectPage apiHost={status.data.apiHost} />
      </Suspense>
    )
  }
  return children
}

/** A session that ends while the dashboard is open (a 401 naming it on any read or change) brings the Sign-in page. */
function useSignOutOnSessionLoss() {
  const queryClient = useQueryClient()
  useEffect(() => {
    const unsubscribe = [queryClient.getQueryCache(), queryClient.getMutationCache()].map((cache) =>
      cache.subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'error') endSession(queryClient, event.action.error)
      }),
    )
    return () => unsubscribe.forEach((stop) => stop())
  }, [queryClient])
}

function endSession(queryClient: QueryClient, error: unknown) {
  if (!(error instanceof ApiError) || error.status !== 401 || !SESSION_CODES.includes(error.code ?? '')) return
  queryClient.setQueryData<ProxyStatus>(connectionQueries.status().queryKey, (known) =>
    known
      ? {
          ...known,
          session: { signInRequired: true, user: null, role: 'none', ended: error.code === 'session_ended' },
        }
      : known,
  )
}
