/** Changes made of several calls: each call's outcome kept as data (bulk-messages.ts words them). */
import { waitingOutRateLimits } from '../lib/rate-limits'

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
