/**
 * Plausible delivery figures for the demo, made up from the sample account as it stands: every pooled IP sends a
 * steady stream with a daily rhythm; warming IPs send less; the first IP of `marketing` is deferred heavily at
 * Microsoft; a pool with no IPs sends nothing. Deterministic, so the demo shows the same figures on every visit.
 */
import {
  PROVIDERS,
  RANGES,
  addTotals,
  emptyTotals,
  type DeliveryStats,
  type DeliverySummaries,
  deliveryFlags,
  type Provider,
  type Range,
  type Totals,
} from '../shared/delivery'
import type { DemoState } from './state'

const SHARE: Record<Provider, number> = { gmail: 0.42, microsoft: 0.24, yahoo: 0.12, apple: 0.08, other: 0.14 }

/** One IP's counts for one hour at one provider. */
function hourOf(
  seed: number,
  warming: boolean,
  deferredAtMicrosoft: boolean,
  hour: number,
  provider: Provider,
): Totals {
  const daily = 0.6 + 0.4 * Math.sin(((hour % 24) / 24) * 2 * Math.PI)
  const processed = Math.round((warming ? 60 : 400) * daily * SHARE[provider] * (0.8 + ((seed + hour) % 5) / 10))
  // New IPs are deferred more while receivers learn them; one established IP is deferred heavily at Microsoft.
  const deferredShare = deferredAtMicrosoft && provider === 'microsoft' ? 0.14 : warming ? 0.06 : 0.015
  // Counts of a share are dithered rather than rounded, so that small hours still add up to the share over a day.
  const dither = ((seed * 7 + hour * 13 + provider.length) % 100) / 100
  const share = (fraction: number) => Math.floor(processed * fraction + dither)
  const totals = emptyTotals()
  totals.processed = processed
  totals.deferred = share(deferredShare)
  totals.bounce = share(0.008)
  totals.blocked = share(provider === 'yahoo' ? 0.012 : 0.003)
  totals.dropped = share(0.002)
  totals.delivered = processed - totals.bounce - totals.blocked - totals.dropped
  // Complaints come back from the providers that run feedback loops, at a healthy 0.04 % of what they were given.
  totals.spamreport = provider === 'yahoo' || provider === 'microsoft' ? share(0.0004) : 0
  totals.open = Math.round(totals.delivered * 0.21)
  totals.click = Math.round(totals.delivered * 0.03)
  return totals
}

interface IpFigures {
  totals: Totals
  providers: Map<Provider, Totals>
  series: Map<string, Totals>
}

/**
 * One IP's figures over a range, over time only when asked (a list's summaries need none). An IP's hours depend only
 * on the sum of its address's characters, whether it warms up and whether it is the heavily deferred one, so figures
 * are kept by those: a large demo account has thousands of IPs but few such sums, and its lists stay quick.
 */
const figuresBy = new Map<string, IpFigures>()

function ipFigures(
  ip: string,
  warming: boolean,
  deferredAtMicrosoft: boolean,
  range: Range,
  now: number,
  withSeries: boolean,
): IpFigures {
  const seed = [...ip].reduce((sum, c) => sum + c.charCodeAt(0), 0)
  const id = `${seed}|${warming}|${deferredAtMicrosoft}|${range}|${now}|${withSeries}`
  const known = figuresBy.get(id)
  if (known) return known
  if (figuresBy.size > 2_000) figuresBy.clear()
  const figures: IpFigures = { totals: emptyTotals(), providers: new Map(), series: new Map() }
  for (let h = now - RANGES[range] + 1; h <= now; h += 1) {
    const bucket = range === '30d' ? Math.floor(h / 24) * 24 : h
    const start = withSeries ? new Date(bucket * 3_600_000).toISOString() : ''
    for (const provider of PROVIDERS) {
      const counts = hourOf(seed, warming, deferredAtMicrosoft, h, provider)
      if (counts.processed === 0) continue
      addTotals(figures.totals, counts)
      if (!figures.providers.has(provider)) figures.providers.set(provider, emptyTotals())
      addTotals(figures.providers.get(provider)!, counts)
      if (!withSeries) continue
      if (!figures.series.has(start)) figures.series.set(start, emptyTotals())
      addTotals(figures.series.get(start)!, counts)
    }
  }
  figuresBy.set(id, figures)
  return figures
}

/** The IPs whose figures make up a pool's (or an IP's): only pooled IPs send in the demo. */
function sendersOf(state: DemoState, of: { pool: string } | { ip: string }): string[] {
  if ('pool' in of) return state.pools.find((pool) => pool.name === of.pool)?.ips ?? []
  return state.pools.some((pool) => pool.ips.includes(of.ip)) ? [of.ip] : []
}

/** What an IP's figures depend on besides its address, read once from the sample for all the IPs asked about. */
interface Senders {
  heavy: string | undefined
  warming: ReadonlySet<string>
  now: number
}

const sendersIn = (state: DemoState): Senders => ({
  heavy: state.pools.find((pool) => pool.name === 'marketing')?.ips[0],
  warming: new Set(state.ips.filter((ip) => ip.warmup).map((ip) => ip.ip)),
  now: Math.floor(Date.now() / 3_600_000),
})

/** The sum of some IPs' figures; over time only when asked: a list's summaries need none, and a week is 168 hours. */
function figuresOf(senders: Senders, ips: readonly string[], range: Range, withSeries: boolean): IpFigures {
  const one = (ip: string) =>
    ipFigures(ip, senders.warming.has(ip), ip === senders.heavy, range, senders.now, withSeries)
  if (ips.length === 1) return one(ips[0]!)
  const sum: IpFigures = { totals: emptyTotals(), providers: new Map(), series: new Map() }
  const addInto = (into: Map<string, Totals>, from: Map<string, Totals>) => {
    for (const [key, totals] of from) {
      if (!into.has(key)) into.set(key, emptyTotals())
      addTotals(into.get(key)!, totals)
    }
  }
  for (const ip of ips) {
    const figures = one(ip)
    addTotals(sum.totals, figures.totals)
    addInto(sum.providers, figures.providers)
    if (withSeries) addInto(sum.series, figures.series)
  }
  return sum
}

export function demoStats(state: DemoState, of: { pool: string } | { ip: string }, range: Range): DeliveryStats {
  const figures = figuresOf(sendersIn(state), sendersOf(state, of), range, true)
  return {
    connected: true,
    range,
    totals: figures.totals,
    providers: PROVIDERS.map((provider) => ({ provider, totals: figures.providers.get(provider) ?? emptyTotals() })),
    series: [...figures.series].map(([start, totals]) => ({ start, totals })),
  }
}

/** Every pool's (or IP's) summary, for the totals endpoint. */
export function demoSummaries(state: DemoState, by: 'pool' | 'ip', range: Range): DeliverySummaries {
  const senders = sendersIn(state)
  const pooled = new Set(state.pools.flatMap((pool) => pool.ips))
  const sources =
    by === 'pool'
      ? state.pools.map((pool) => [pool.name, pool.ips] as const)
      : state.ips.map(({ ip }) => [ip, pooled.has(ip) ? [ip] : []] as const)
  const of: DeliverySummaries['of'] = {}
  for (const [key, ips] of sources) {
    const { totals, providers } = figuresOf(senders, ips, range, false)
    if (totals.processed > 0)
      of[key] = {
        totals,
        flags: deliveryFlags(
          totals,
          [...providers].map(([provider, counts]) => ({ provider, totals: counts })),
        ),
      }
  }
  return { connected: true, range, of }
}
