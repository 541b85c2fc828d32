import { ApiError } from './api-client'

/**
 * How SendGrid's rate limit is waited out, by reads (React Query's retry) and by changes alike: until the reset time
 * SendGrid names, plus a margin for clocks that differ, never more than a minute at a time, for a few tries.
 */
export const RATE_LIMIT_POLICY = { attempts: 5, marginMs: 250, longestWaitMs: 60_000 } as const

/** How long to wait after a 429 before asking again; without a reset time, backing off from a second. */
export function rateLimitWaitMs(error: ApiError, attempt: number, now = Date.now()): number {
  const wait = error.retryAt ? Math.max(error.retryAt - now, 0) + RATE_LIMIT_POLICY.marginMs : 1000 * 2 ** attempt
  return Math.min(wait, RATE_LIMIT_POLICY.longestWaitMs)
}

/**
 * One call of a change made of several, sent again after SendGrid's rate limit lifts: a 429 changed nothing, so
 * sending it again neither loses the change nor makes it twice. Other failures, and a limit that does not lift
 * after a few tries, are the caller's to report.
 */
export async function waitingOutRateLimits<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call()
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 429 || attempt >= RATE_LIMIT_POLICY.attempts) throw error
      await new Promise((done) => setTimeout(done, rateLimitWaitMs(error, attempt)))
    }
  }
}
