import CircularProgress from '@mui/material/CircularProgress'
import { useQuery } from '@tanstack/react-query'
import { Suspense, lazy, useSyncExternalStore, type ReactNode } from 'react'
import { getApiKey, subscribeToApiKey } from '../lib/api-key'
import { QueryProblem } from '../ui/QueryProblem'
import { connectionQueries } from './queries'

const ConnectPage = lazy(() => import('./ConnectPage'))

const spinner = <CircularProgress aria-label="Connecting" sx={{ display: 'block', mx: 'auto' }} />

/** Live mode: the dashboard once there is a key (the server's or the user's), the Connect page until then. */
export function LiveGate({ children }: { children: ReactNode }) {
  const status = useQuery(connectionQueries.status())
  const apiKey = useSyncExternalStore(subscribeToApiKey, getApiKey)

  if (status.isPending) return spinner
  if (status.isError) return <QueryProblem query={status} what="the dashboard's connection to SendGrid" />
  if (!status.data.keyOnServer && !apiKey) {
    return (
      <Suspense fallback={spinner}>
        <ConnectPage apiHost={status.data.apiHost} />
      </Suspense>
    )
  }
  return children
}
