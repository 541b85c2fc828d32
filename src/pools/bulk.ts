/** Changes made of several calls: each call's outcome kept as data (bulkMessages.ts words them). */
import { ApiError } from '../lib/api-client'

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

export interface AddResult<T = unknown> {
  ip: string
  /** What the API answered, when the IP went in. */
  value?: T
  error?: unknown
}

/** Adds IPs one after another (gentle on rate limits), carrying on past failures, and says how each went. */
export async function addEach<T>(ips: readonly string[], add: (ip: string) => Promise<T>): Promise<AddResult<T>[]> {
  const results: AddResult<T>[] = []
  for (const ip of ips) {
    try {
      results.push({ ip, value: await waitingOutRateLimits(() => add(ip)) })
    } catch (error) {
      results.push({ ip, error })
    }
  }
  return results
}

export type MoveOutcome =
  | { status: 'moved' }
  /** Adding to the target failed: nothing changed. */
  | { status: 'not-moved'; error: unknown }
  /** Added to the target, but not removed from the source: the IP is in both pools. */
  | { status: 'half-moved'; error: unknown }

/**
 * Moves an IP between pools as SendGrid allows: add to the target, then remove from the source. `added` skips the
 * first step when a previous attempt already did it.
 */
export async function moveIp(
  { ip, from, to, added = false }: { ip: string; from: string; to: string; added?: boolean },
  api: { add: (pool: string, ip: string) => Promise<unknown>; remove: (pool: string, ip: string) => Promise<unknown> },
): Promise<MoveOutcome> {
  if (!added) {
    try {
      await waitingOutRateLimits(() => api.add(to, ip))
    } catch (error) {
      return { status: 'not-moved', error }
    }
  }
  try {
    await waitingOutRateLimits(() => api.remove(from, ip))
  } catch (error) {
    return { status: 'half-moved', error }
  }
  return { status: 'moved' }
}
