/**
 * Plausible delivery figures for the demo, made up from the sample account as it stands: every pooled IP sends a
 * steady stream with a daily rhythm; warming IPs send less; the first IP of `marketing` is deferred heavily at
 * Microsoft; a pool with no IPs sends nothing. Deterministic, so the demo shows the same figures on every visit.
 */
import {
  PROVIDERS,
  RANGES,
  emptyTotals,
  type DeliveryStats,
  type Provider,
  type Range,
  type Totals,
} from '../shared/delivery'
import type { DemoState } from './state'

const SHARE: Record<Provider, number> = { gmail: 0.42, microsoft: 0.24, yahoo: 0.12, apple: 0.08, other: 0.14 }

/** One IP's counts for one hour at one provider. */
function hourOf(ip: string, warming: boolean, deferredAtMicrosoft: boolean, hour: number, provider: Provider): Totals {
  const seed = [...ip].reduce((sum, c) => sum + c.charCodeAt(0), 0)
  const daily = 0.6 + 0.4 * Math.sin(((hour % 24) / 24) * 2 * Math.PI)
  const processed = Math.round((warming ? 60 : 400) * daily * SHARE[provider] * (0.8 + ((seed + hour) % 5) / 10))
  const deferredShare = deferredAtMicrosoft && provider === 'microsoft' ? 0.14 : 0.015
  const totals = emptyTotals()
  totals.processed = processed
  totals.deferred = Math.round(processed * deferredShare)
  totals.bounce = Math.round(processed * 0.008)
  totals.blocked = Math.round(processed * (provider === 'yahoo' ? 0.012 : 0.003))
  totals.dropped = Math.round(processed * 0.002)
  totals.delivered = processed - totals.bounce - totals.blocked - totals.dropped
  totals.spamreport = (seed + hour) % 97 === 0 ? 1 : 0
  totals.open = Math.round(totals.delivered * 0.21)
  totals.click = Math.round(totals.delivered * 0.03)
  return totals
}

const add = (into: Totals, more: Totals) => {
  for (const kind of Object.keys(into) as (keyof Totals)[]) into[kind] += more[kind]
}

export function demoStats(state: DemoState, of: { pool: string } | { ip: string }, range: Range): DeliveryStats {
  const heavy = state.pools.find((pool) => pool.name === 'marketing')?.ips[0]
  const ips =
    'pool' in of
      ? (state.pools.find((pool) => pool.name === of.pool)?.ips ?? [])
      : state.pools.some((pool) => pool.ips.includes(of.ip))
        ? [of.ip]
        : []
  const hours = RANGES[range]
  const now = Math.floor(Date.now() / 3_600_000)
  const totals = emptyTotals()
  const providers = new Map(PROVIDERS.map((provider) => [provider, emptyTotals()]))
  const series = new Map<string, Totals>()
  for (let h = now - hours + 1; h <= now; h += 1) {
    const bucket = range === '30d' ? Math.floor(h / 24) * 24 : h
    const start = new Date(bucket * 3_600_000).toISOString()
    for (const ip of ips) {
      const warming = state.ips.find((candidate) => candidate.ip === ip)?.warmup ?? false
      for (const provider of PROVIDERS) {
        const counts = hourOf(ip, warming, ip === heavy, h, provider)
        if (counts.processed === 0) continue
        add(totals, counts)
        add(providers.get(provider)!, counts)
        if (!series.has(start)) series.set(start, emptyTotals())
        add(series.get(start)!, counts)
      }
    }
  }
  return {
    connected: true,
    range,
    totals,
    providers: [...providers].map(([provider, counts]) => ({ provider, totals: counts })),
    series: [...series].map(([start, counts]) => ({ start, totals: counts })),
  }
}

/** Every pool's (or IP's) totals, for the totals endpoint. */
export function demoTotals(state: DemoState, by: 'pool' | 'ip', range: Range): Record<string, Totals> {
  const keys = by === 'pool' ? state.pools.map((pool) => pool.name) : state.ips.map((ip) => ip.ip)
  const result: Record<string, Totals> = {}
  for (const key of keys) {
    const stats = demoStats(state, by === 'pool' ? { pool: key } : { ip: key }, range)
    if (stats.totals.processed > 0) result[key] = stats.totals
  }
  return result
}
