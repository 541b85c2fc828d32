/**
 * Delivery figures for the demo that follow its own history: an IP sends from the day it was assigned, only while it
 * is in a pool, and its mail is shared among the pools it was in at the time; a pool made now, or one without IPs,
 * has sent nothing. Every sending IP has a steady stream with a daily rhythm (less while warming up), and the sample
 * holds a few honest problems (sample-mail.ts) so every flag can be seen without an account. Deterministic, so the demo
 * shows the same figures on every visit.
 */
import {
  PROVIDERS,
  RANGES,
  addTotals,
  emptyTotals,
  KINDS,
  type DeliveryStats,
  type DeliverySummaries,
  deliveryFlags,
  type Provider,
  type Range,
  type Totals,
} from '../shared/delivery'
import { PROBLEMS, clockAt, hourOf, type Clock, type Problem } from './sample-mail'
import { ok, type FakeResponse } from './responses'
import type { DemoIp, DemoState } from './state'

const HOUR = 3_600_000

interface Figures {
  totals: Totals
  providers: Map<Provider, Totals>
  series: Map<string, Totals>
}

const emptyFigures = (): Figures => ({ totals: emptyTotals(), providers: new Map(), series: new Map() })

function addInto(into: Map<string, Totals>, key: string, totals: Totals): void {
  if (!into.has(key)) into.set(key, emptyTotals())
  addTotals(into.get(key)!, totals)
}

function addFigures(into: Figures, more: Figures): void {
  addTotals(into.totals, more.totals)
  for (const [provider, totals] of more.providers) addInto(into.providers as Map<string, Totals>, provider, totals)
  for (const [start, totals] of more.series) addInto(into.series, start, totals)
}

/** The `part`th of `parts` near-equal whole shares of a set of counts; the shares add up to the counts exactly. */
function shareOf(totals: Totals, parts: number, part: number): Totals {
  if (parts === 1) return totals
  const share = emptyTotals()
  for (const kind of KINDS) share[kind] = Math.floor((totals[kind] + part) / parts)
  // Delivered is what is left of the share, so that every share's outcomes add up to what it sent.
  share.delivered = share.processed - share.bounce - share.blocked - share.dropped
  return share
}

function figuresShare(figures: Figures, parts: number, part: number): Figures {
  const map = <K>(from: Map<K, Totals>) => new Map([...from].map(([key, t]) => [key, shareOf(t, parts, part)]))
  return {
    totals: shareOf(figures.totals, parts, part),
    providers: map(figures.providers),
    series: map(figures.series),
  }
}

/** Where one hour's counts are filed in a range's series: by hour, or by day for 30 days. */
const bucketOf = (hour: number, range: Range) =>
  new Date((range === '30d' ? Math.floor(hour / 24) * 24 : hour) * HOUR).toISOString()

/** A range of the figures' pages, or the hours an alert rule looks back over. */
type Window = Range | number
const hoursOf = (range: Window) => (typeof range === 'number' ? range : RANGES[range])

/** An IP as its figures need it: the times it began sending, began warming, and joined and left each pool (ms). */
interface Sender {
  seed: number
  problem: Problem | undefined
  assigned: number
  warmingFrom: number
  stints: { pool: string; from: number; to: number }[]
}

function sendersOf(state: DemoState): Map<string, Sender> {
  const senders = new Map<string, Sender>()
  const sender = (ip: DemoIp): Sender => ({
    seed: [...ip.ip].reduce((sum, c) => sum + c.charCodeAt(0), 0),
    problem: PROBLEMS[ip.ip],
    assigned: ip.assigned_at === null ? -Infinity : ip.assigned_at * 1000,
    warmingFrom: ip.warmup ? (ip.start_date ?? 0) * 1000 : Infinity,
    stints: [],
  })
  for (const ip of state.ips) senders.set(ip.ip, sender(ip))
  for (const pool of state.pools) {
    for (const ip of pool.ips)
      senders.get(ip)?.stints.push({ pool: pool.name, from: pool.addedAt?.[ip] ?? -Infinity, to: Infinity })
    for (const past of pool.past ?? [])
      senders.get(past.ip)?.stints.push({ pool: pool.name, from: past.from ?? -Infinity, to: past.to })
  }
  return senders
}

/** The pools an IP sent through in the hour that starts at `start` (ms), in a fixed order; none before it was assigned. */
const poolsAt = (ip: Sender, start: number) =>
  start < ip.assigned ? [] : ip.stints.filter((stint) => stint.from <= start && start < stint.to).map((s) => s.pool)

/**
 * Running sums of an IP's hours over a range, per provider, kept by what they depend on: a large demo account has
 * thousands of IPs but few sums of an address's characters, and its lists stay quick.
 */
const runningSums = new Map<string, Map<Provider, Totals[]>>()

function runningOf(ip: Sender, warming: boolean, range: Window, clock: Clock): Map<Provider, Totals[]> {
  const id = `${ip.seed}|${warming}|${ip.problem}|${range}|${clock.hour}|${clock.elapsed}`
  const known = runningSums.get(id)
  if (known) return known
  if (runningSums.size > 500) runningSums.clear()
  const sums = new Map<Provider, Totals[]>()
  for (const provider of PROVIDERS) {
    const running = [emptyTotals()]
    for (let hour = clock.hour - hoursOf(range) + 1; hour <= clock.hour; hour += 1) {
      const next = { ...running.at(-1)! }
      addTotals(next, hourOf(ip.seed, warming, ip.problem, hour, clock, provider))
      running.push(next)
    }
    sums.set(provider, running)
  }
  runningSums.set(id, sums)
  return sums
}

/** A stretch of hours (both ends included) through which an IP sent the same way. */
interface Span {
  from: number
  to: number
  pools: string[]
  warming: boolean
}

function spansOf(ip: Sender, range: Window, clock: Clock): Span[] {
  const first = clock.hour - hoursOf(range) + 1
  const starts = new Set([first])
  // Hour h counts for a change at `at` once it starts at or after it.
  for (const at of [ip.assigned, ip.warmingFrom, ...ip.stints.flatMap((stint) => [stint.from, stint.to])]) {
    const hour = Math.ceil(at / HOUR)
    if (hour > first && hour <= clock.hour) starts.add(hour)
  }
  const sorted = [...starts].sort((x, y) => x - y)
  return sorted.map((from, i) => ({
    from,
    to: (sorted[i + 1] ?? clock.hour + 1) - 1,
    pools: poolsAt(ip, from * HOUR),
    warming: ip.warmingFrom <= from * HOUR,
  }))
}

/** An IP's figures over a span (and by hour or day when asked), from its running sums. */
function spanFigures(ip: Sender, span: Span, range: Window, clock: Clock, withSeries: boolean): Figures {
  const first = clock.hour - hoursOf(range) + 1
  const figures = emptyFigures()
  for (const [provider, running] of runningOf(ip, span.warming, range, clock)) {
    const between = (from: number, to: number) => {
      const counts = { ...running[to - first + 1]! }
      for (const kind of KINDS) counts[kind] -= running[from - first]![kind]
      return counts
    }
    const counts = between(span.from, span.to)
    if (counts.processed === 0) continue
    addTotals(figures.totals, counts)
    figures.providers.set(provider, counts)
    // Only a page's range has a series; an alert rule's window of hours has none.
    if (!withSeries || typeof range === 'number') continue
    for (let from = span.from; from <= span.to;) {
      const to = Math.min(span.to, range === '30d' ? Math.floor(from / 24) * 24 + 23 : from)
      const bucket = between(from, to)
      if (bucket.processed > 0) addInto(figures.series, bucketOf(from, range), bucket)
      from = to + 1
    }
  }
  return figures
}

/** What one IP sent over a range, and each pool's share of it (the shares add up to the whole exactly). */
function figuresOfIp(ip: Sender, range: Window, clock: Clock, withSeries: boolean) {
  const whole = emptyFigures()
  const byPool = new Map<string, Figures>()
  for (const span of spansOf(ip, range, clock)) {
    const parts = span.pools.length
    if (parts === 0) continue
    const figures = spanFigures(ip, span, range, clock, withSeries)
    addFigures(whole, figures)
    span.pools.forEach((pool, part) => {
      const share = byPool.get(pool) ?? byPool.set(pool, emptyFigures()).get(pool)!
      addFigures(share, figuresShare(figures, parts, part))
    })
  }
  return { whole, byPool }
}

function toStats(figures: Figures, range: Range): DeliveryStats {
  return {
    connected: true,
    range,
    totals: figures.totals,
    providers: PROVIDERS.map((provider) => ({ provider, totals: figures.providers.get(provider) ?? emptyTotals() })),
    series: [...figures.series].sort(([a], [b]) => a.localeCompare(b)).map(([start, totals]) => ({ start, totals })),
  }
}

/** The IPs that ever sent through a pool: those in it now and those that left it. */
const everIn = (senders: Map<string, Sender>, pool: string) =>
  [...senders.values()].filter((ip) => ip.stints.some((stint) => stint.pool === pool))

export function demoStats(
  state: DemoState,
  of: { pool: string } | { ip: string },
  range: Range,
  now = Date.now(),
): DeliveryStats {
  const senders = sendersOf(state)
  const clock = clockAt(now)
  if ('ip' in of) {
    const ip = senders.get(of.ip)
    return toStats(ip ? figuresOfIp(ip, range, clock, true).whole : emptyFigures(), range)
  }
  const sum = emptyFigures()
  for (const ip of everIn(senders, of.pool)) {
    const share = figuresOfIp(ip, range, clock, true).byPool.get(of.pool)
    if (share) addFigures(sum, share)
  }
  return toStats(sum, range)
}

/** Every pool's (or IP's) summary, for the totals endpoint. */
export function demoSummaries(state: DemoState, by: 'pool' | 'ip', range: Range, now = Date.now()): DeliverySummaries {
  const senders = sendersOf(state)
  const clock = clockAt(now)
  const figures = new Map<string, Figures>()
  for (const [address, ip] of senders) {
    const { whole, byPool } = figuresOfIp(ip, range, clock, false)
    if (by === 'ip') figures.set(address, whole)
    else
      for (const [pool, share] of byPool)
        addFigures(figures.get(pool) ?? figures.set(pool, emptyFigures()).get(pool)!, share)
  }
  const of: DeliverySummaries['of'] = {}
  for (const [key, { totals, providers }] of figures) {
    if (totals.processed === 0) continue
    const perProvider = [...providers].map(([provider, counts]) => ({ provider, totals: counts }))
    of[key] = { totals, flags: deliveryFlags(totals, perProvider) }
  }
  return { connected: true, range, of }
}

/** Each pool's (or IP's) counts over the last `hours` hours, overall and by provider: what alert rules read. */
export function demoWindow(
  state: DemoState,
  by: 'pool' | 'ip',
  hours: number,
  now = Date.now(),
): Map<string, { totals: Totals; providers: Map<Provider, Totals> }> {
  const clock = clockAt(now)
  const figures = new Map<string, Figures>()
  for (const [address, ip] of sendersOf(state)) {
    const { whole, byPool } = figuresOfIp(ip, hours, clock, false)
    if (by === 'ip') figures.set(address, whole)
    else
      for (const [pool, share] of byPool)
        addFigures(figures.get(pool) ?? figures.set(pool, emptyFigures()).get(pool)!, share)
  }
  return new Map([...figures].filter(([, one]) => one.totals.processed > 0))
}

/** Delivery figures as the dashboard's server gives them, counted from the Event Webhook; made up from the demo. */
export const deliveryAnswers = (read: () => DemoState) => ({
  delivery: (of: { pool: string } | { ip: string }, range: Range): FakeResponse => ok(demoStats(read(), of, range)),
  deliveryTotals: (by: 'pool' | 'ip', range: Range): FakeResponse => ok(demoSummaries(read(), by, range)),
})
