/**
 * The sample's mail, hour by hour: what one IP sends through the day at each mailbox provider (less while warming
 * up), and the few honest problems the sample holds (PROBLEMS), so every flag can be seen without an account.
 */
import { emptyTotals, type Provider } from '../shared/delivery'

const HOUR = 3_600_000
const SHARE: Record<Provider, number> = { gmail: 0.42, microsoft: 0.24, yahoo: 0.12, apple: 0.08, other: 0.14 }

/**
 * The sample's problems, by address. A warming IP deferred at Microsoft; billing's IPs bouncing half of yesterday's
 * mail (a stale list); eu-newsletters' IPs drawing more and more spam reports at Yahoo over four days (Gmail sends
 * senders no per-message reports, so a rise is seen at the providers that run feedback loops).
 */
export type Problem = 'deferred-at-microsoft' | 'bounce-spike' | 'spam-rise'
export const PROBLEMS: Readonly<Record<string, Problem>> = {
  '198.51.100.23': 'deferred-at-microsoft',
  '192.0.2.13': 'bounce-spike',
  '192.0.2.40': 'bounce-spike',
  '198.51.100.60': 'spam-rise',
  '198.51.100.61': 'spam-rise',
}
const SPIKE_HOURS_AGO = { from: 30, to: 14 }
const SPAM_RISE_HOURS = 96

/** The moment figures are read at: the current hour and how much of it has gone. */
export interface Clock {
  hour: number
  elapsed: number
}

export const clockAt = (ms: number): Clock => ({
  hour: Math.floor(ms / HOUR),
  elapsed: Math.max(1, Math.floor((ms % HOUR) / 60_000)) / 60,
})

/** One IP's counts for one hour at one provider; the current hour only as far as it has gone. */
export function hourOf(
  seed: number,
  warming: boolean,
  problem: Problem | undefined,
  hour: number,
  clock: Clock,
  provider: Provider,
) {
  const daily = 0.6 + 0.4 * Math.sin(((hour % 24) / 24) * 2 * Math.PI)
  const gone = hour === clock.hour ? clock.elapsed : 1
  const processed = Math.round((warming ? 60 : 400) * gone * daily * SHARE[provider] * (0.8 + ((seed + hour) % 5) / 10))
  const ago = clock.hour - hour
  // New IPs are deferred more while receivers learn them.
  const deferredShare = problem === 'deferred-at-microsoft' && provider === 'microsoft' ? 0.14 : warming ? 0.06 : 0.015
  const bounceShare =
    problem === 'bounce-spike' && ago <= SPIKE_HOURS_AGO.from && ago >= SPIKE_HOURS_AGO.to ? 0.6 : 0.008
  // Complaints come back from the providers that run feedback loops, at a healthy 0.01 % of what they were given.
  const looped = provider === 'yahoo' || provider === 'microsoft'
  const rising = problem === 'spam-rise' && provider === 'yahoo' && ago < SPAM_RISE_HOURS
  const spamShare = !looped ? 0 : rising ? 0.0001 + (0.0099 * (SPAM_RISE_HOURS - ago)) / SPAM_RISE_HOURS : 0.0001
  // Counts of a share are dithered rather than rounded, so that small hours still add up to the share over a day.
  const dither = ((seed * 7 + hour * 13 + provider.length) % 100) / 100
  const share = (fraction: number) => Math.floor(processed * fraction + dither)
  const totals = emptyTotals()
  totals.processed = processed
  totals.deferred = share(deferredShare)
  totals.bounce = share(bounceShare)
  totals.blocked = share(provider === 'yahoo' ? 0.012 : 0.003)
  totals.dropped = share(0.002)
  totals.delivered = processed - totals.bounce - totals.blocked - totals.dropped
  totals.spamreport = share(spamShare)
  totals.open = Math.round(totals.delivered * 0.21)
  totals.click = Math.round(totals.delivered * 0.03)
  return totals
}
