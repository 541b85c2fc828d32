import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Button from '@mui/material/Button'
import type { UseQueryResult } from '@tanstack/react-query'
import { createContext, use } from 'react'
import { ApiError } from '../lib/api-client'
import { getApiKey } from '../lib/api-key'
import { errorMessage, isRefusedKey } from '../lib/error-message'
import { lazily } from '../lib/lazily'

const timeFormat = lazily(() => new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }))

/** How to connect with another key, where one was pasted: the connection's, put in by the app (ui knows no feature). */
export const ReconnectContext = createContext<(() => void) | null>(null)

interface QueryProblemProps {
  query: UseQueryResult<unknown>
  /** What was being read, for the message: "the pools". */
  what: string
  /** What Retry does, where it should bring back more than this one read; the read again by default. */
  onRetry?: () => unknown
}

/**
 * What went wrong with a read, in words: waiting out a rate limit, a failure with Retry, or a refresh that failed
 * while older data stays on screen. Renders nothing when all is well.
 */
export function QueryProblem({ query, what, onRetry = () => query.refetch() }: QueryProblemProps) {
  const reconnect = use(ReconnectContext)
  const reason = query.failureReason

  if (query.isFetching && reason instanceof ApiError && reason.status === 429) {
    return (
      <Alert severity="info">
        SendGrid is limiting how fast requests may be made. Reading {what} again
        {reason.retryAt ? ` at ${timeFormat().format(reason.retryAt)}` : ' shortly'}…
      </Alert>
    )
  }
  if (!query.isError) return null

  const stale = query.data !== undefined
  // A refused key the user pasted can be replaced; one configured on the server cannot be from here.
  const refused = isRefusedKey(query.error)
  const canReconnect = refused && reconnect !== null && getApiKey() !== null
  return (
    <Alert
      severity={stale ? 'warning' : 'error'}
      action={
        canReconnect ? (
          <Button color="inherit" size="small" onClick={reconnect ?? undefined}>
            Reconnect
          </Button>
        ) : (
          <Button color="inherit" size="small" onClick={() => void onRetry()} loading={query.isFetching}>
            Retry
          </Button>
        )
      }
    >
      <AlertTitle>
        {stale ? `Could not refresh ${what}; showing what was loaded before` : `Could not load ${what}`}
      </AlertTitle>
      {errorMessage(query.error)}
      {refused && !canReconnect && ' The key is set on the server: an administrator can check SENDGRID_API_KEY.'}
    </Alert>
  )
}
