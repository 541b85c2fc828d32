/**
 * Delivery counts in the store: a verified batch of events counted once each (its ids remembered for the retry
 * window), each attributed to the pool its message was sent through, and read back per pool or per IP.
 */
import type { Store, Sql } from '../store/store.ts'
import {
  PROVIDERS,
  RANGES,
  emptyTotals,
  type DeliveryStats,
  type Kind,
  type Provider,
  type Range,
  type Totals,
} from '../../src/shared/delivery.ts'
import type { ReadEvent } from './events.ts'

/** How long a message's pool is remembered for its later events. */
export const ATTRIBUTION_HOURS = 72
/** How long an event's id is remembered: SendGrid retries a batch for up to a day. */
export const SEEN_HOURS = 48

export interface IngestResult {
  counted: number
  duplicates: number
}

/** Counts a batch: all of it or none (one transaction), each event once whatever arrives twice. */
export function countEvents(store: Store, events: readonly ReadEvent[]): Promise<IngestResult> {
  if (events.length === 0) return Promise.resolve({ counted: 0, duplicates: 0 })
  return store.transaction(async (sql) => {
    const unique = new Map(events.map((event) => [event.id, event]))
    const fresh = await sql.query<{ id: string }>(
      `insert into webhook_events_seen (id) select value from jsonb_array_elements_text($1::jsonb)
       on conflict (id) do nothing returning id`,
      [JSON.stringify([...unique.keys()])],
    )
    const isFresh = new Set(fresh.map((row) => row.id))
    const counted = [...unique.values()].filter((event) => isFresh.has(event.id))
    const pools = await poolsOf(sql, counted)
    const totals = new Map<
      string,
      { hour: string; ip: string; pool: string; provider: string; kind: string; count: number }
    >()
    for (const event of counted) {
      const pool = event.pool ?? (event.message ? pools.get(event.message) : undefined) ?? ''
      const key = `${event.hour}|${event.ip}|${pool}|${event.provider}|${event.kind}`
      const total = totals.get(key)
      if (total) total.count += 1
      else
        totals.set(key, { hour: event.hour, ip: event.ip, pool, provider: event.provider, kind: event.kind, count: 1 })
    }
    if (totals.size > 0) {
      await sql.query(
        `insert into delivery_counts (hour, ip, pool, provider, kind, count)
         select c.hour, c.ip, c.pool, c.provider, c.kind, c.count
         from jsonb_to_recordset($1::jsonb) as c(hour timestamptz, ip text, pool text, provider text, kind text, count bigint)
         on conflict (hour, ip, pool, provider, kind) do update set count = delivery_counts.count + excluded.count`,
        [JSON.stringify([...totals.values()])],
      )
    }
    return { counted: counted.length, duplicates: events.length - counted.length }
  })
}

/** The pool of each message: named by its processed event (remembered here), or remembered from an earlier batch. */
async function poolsOf(sql: Sql, events: readonly ReadEvent[]): Promise<Map<string, string>> {
  const pools = new Map<string, string>()
  for (const event of events) if (event.pool && event.message) pools.set(event.message, event.pool)
  if (pools.size > 0) {
    await sql.query(
      `insert into message_pools (message, pool, seen_at)
       select key, value, now() from jsonb_each_text($1::jsonb)
       on conflict (message) do update set pool = excluded.pool, seen_at = excluded.seen_at`,
      [JSON.stringify(Object.fromEntries(pools))],
    )
  }
  const wanted = [
    ...new Set(events.flatMap((event) => (event.message && !pools.has(event.message) ? [event.message] : []))),
  ]
  if (wanted.length > 0) {
    const rows = await sql.query<{ message: string; pool: string }>(
      `select message, pool from message_pools
       where message in (select value from jsonb_array_elements_text($1::jsonb))
         and seen_at > now() - $2 * interval '1 hour'`,
      [JSON.stringify(wanted), ATTRIBUTION_HOURS],
    )
    for (const row of rows) pools.set(row.message, row.pool)
  }
  return pools
}

/** A pool's or an IP's counts over the range: totals, by mailbox provider, and over time. */
export async function readStats(sql: Sql, of: { pool: string } | { ip: string }, range: Range): Promise<DeliveryStats> {
  const [column, value] = 'pool' in of ? ['pool', of.pool] : ['ip', of.ip]
  const bucket = range === '30d' ? 'day' : 'hour'
  const rows = await sql.query<{ start: Date; provider: string; kind: string; count: number }>(
    `select date_trunc('${bucket}', hour) as start, provider, kind, sum(count)::int as count
     from delivery_counts
     where ${column} = $1 and hour >= date_trunc('hour', now()) - ($2 - 1) * interval '1 hour'
     group by 1, 2, 3 order by 1`,
    [value, RANGES[range]],
  )
  const totals = emptyTotals()
  const providers = new Map<Provider, Totals>(PROVIDERS.map((provider) => [provider, emptyTotals()]))
  const series = new Map<string, Totals>()
  for (const row of rows) {
    const kind = row.kind as Kind
    const start = new Date(row.start).toISOString()
    totals[kind] += row.count
    providers.get(row.provider as Provider)![kind] += row.count
    if (!series.has(start)) series.set(start, emptyTotals())
    series.get(start)![kind] += row.count
  }
  const [any] = await sql.query<{ connected: boolean }>('select exists (select 1 from delivery_counts) as connected')
  return {
    connected: any?.connected === true,
    range,
    totals,
    providers: [...providers].map(([provider, counts]) => ({ provider, totals: counts })),
    series: [...series].map(([start, counts]) => ({ start, totals: counts })),
  }
}

/** Every pool's (or IP's) totals over the range, for the lists. */
export async function readTotals(sql: Sql, by: 'pool' | 'ip', range: Range): Promise<Record<string, Totals>> {
  const rows = await sql.query<{ key: string; kind: string; count: number }>(
    `select ${by} as key, kind, sum(count)::int as count from delivery_counts
     where hour >= date_trunc('hour', now()) - ($1 - 1) * interval '1 hour'
     group by 1, 2`,
    [RANGES[range]],
  )
  const result: Record<string, Totals> = {}
  for (const row of rows) (result[row.key] ??= emptyTotals())[row.kind as Kind] += row.count
  return result
}

/** Deletes what has outlived its use: counts past the retention, event ids and message pools past their windows. */
export async function forgetOld(sql: Sql, retentionDays: number): Promise<void> {
  await sql.query(`delete from delivery_counts where hour < now() - $1 * interval '1 day'`, [retentionDays])
  await sql.query(`delete from webhook_events_seen where seen_at < now() - $1 * interval '1 hour'`, [SEEN_HOURS])
  await sql.query(`delete from message_pools where seen_at < now() - $1 * interval '1 hour'`, [ATTRIBUTION_HOURS])
}
