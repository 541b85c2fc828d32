import { QueryClient } from '@tanstack/react-query'
import { ApiError } from '../lib/api-client'
import { RATE_LIMIT_POLICY, rateLimitWaitMs } from '../lib/rate-limits'

/** A 4xx answer will not change by asking again; a network failure or a 5xx may, and a 429 will once it lifts. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status === 429) return failureCount < RATE_LIMIT_POLICY.attempts
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false
  return failureCount < 2
}

/** Wait out a rate limit until SendGrid's reset time; otherwise back off exponentially. */
export function retryDelay(failureCount: number, error: unknown, now = Date.now()): number {
  if (error instanceof ApiError && error.status === 429) return rateLimitWaitMs(error, failureCount, now)
  return Math.min(1000 * 2 ** failureCount, 30_000)
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, retryDelay, staleTime: 30_000 },
      // A change made offline fails at once, in words, with the dialog still open, rather than waiting unseen.
      mutations: { networkMode: 'always' },
    },
  })
}
