import { ApiError } from './api-client'

const RATE_LIMIT_ATTEMPTS = 5

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
      if (!(error instanceof ApiError) || error.status !== 429 || attempt >= RATE_LIMIT_ATTEMPTS) throw error
      const wait = error.retryAt ? error.retryAt - Date.now() + 250 : 1000 * 2 ** attempt
      await new Promise((done) => setTimeout(done, Math.min(Math.max(wait, 0), 60_000)))
    }
  }
}
