import { QueryClient } from '@tanstack/react-query'
import { ApiError } from '../lib/api-client'

/** A 4xx answer will not change by asking again; a network failure, a 5xx or a 429 may. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) return false
  return failureCount < 2
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
    },
  })
}
