/**
 * Delivery counts in the store: a verified batch of events counted once each (its ids remembered for the retry
 * window), each attributed to the pool its message was sent through, and read back per pool or per IP.
 */
import type { Sql } from '../store/store.ts'
import {
  KINDS,
  PROVIDERS,
  RANGES,
  addTotals,
  deliveryFlags,
  emptyTotals,
  type DeliveryStats,
  type DeliverySummaries,
  type ProviderTotals,
  type Provider,
  type Range,
  type Totals,
} from '../../src/shared/delivery.ts'
import type { ReadEvent } from './events.ts'

/** How long a message's pool is remembered for its later events. */
export const ATTRIBUTION_HOURS = 72
/** How long an event's id is remembered: SendGrid retries a batch for up to a day. */
export const SEEN_HOURS = 48

/**
 * Counts events in the caller's transaction, each once whatever arrives twice (see batch-queue.ts, which keeps a batch
 * until this has counted it), and the same events to the same figures in any order and batching: an outcome that
 * comes before its message's processed event is counted as unattributed and moves to the pool once that event names
 * it. Servers sharing a PostgreSQL server count at once and share rows (an hour's pool and IP rows, a message's
 * pool), so every write takes its rows' locks in key order, table by table in one order: two counts then wait for
 * each other rather than deadlock. Resolves to how many were counted; the rest had been counted before.
 */
export async function countEvents(sql: Sql, events: readonly ReadEvent[]): Promise<number> {
  if (events.length === 0) return 0
  const unique = new Map(events.map((event) => [event.id, event]))
  // Answers with the ids seen before (almost always none), not the thousand new ones: reading rows back costs more.
  const [{ seen }] = (await sql.query<{ seen: string[] }>(
    `with ids as (select unnest($1::text[]) as id),
       fresh as (insert into webhook_events_seen (id) select id from ids order by id on conflict (id) do nothing returning id)
     select coalesce(array_agg(id), '{}') as seen from ids where id not in (select id from fresh)`,
    [[...unique.keys()]],
  )) as [{ seen: string[] }]
  const wasSeen = new Set(seen)
  const counted = [...unique.values()].filter((event) => !wasSeen.has(event.id))
  const { pools, named } = await poolsOf(sql, counted)
  // Each event adds to its pool's row ('' when the pool is not known) and, when it names one, its sending IP's.
  const rows = new Map<string, HourRow>()
  const add = (scope: 'pool' | 'ip', key: string, { hour, provider, kind }: Counted, by = 1) => {
    const id = `${scope}|${key}|${hour}|${provider}`
    let row = rows.get(id)
    if (!row) rows.set(id, (row = { scope, key, hour, provider }))
    row[kind] = (row[kind] ?? 0) + by
  }
  const pending = new Map<string, Pending>()
  for (const event of counted) {
    const pool =
      event.pool ??
      (event.kind === 'processed' ? '' : event.message !== undefined ? pools.get(event.message) : undefined)
    add('pool', pool ?? '', event)
    if (event.ip) add('ip', event.ip, event)
    if (pool === undefined && event.message !== undefined) {
      const id = `${event.message}|${event.hour}|${event.provider}|${event.kind}`
      const noted = pending.get(id)
      if (noted) noted.count += 1
      else
        pending.set(id, {
          message: event.message,
          hour: event.hour,
          provider: event.provider,
          kind: event.kind,
          count: 1,
        })
    }
  }
  // Outcomes that came before their message's processed event, now that it has named the pool: moved to it.
  const moved = named.size > 0 ? await takePending(sql, [...named.keys()]) : []
  for (const outcome of moved) {
    add('pool', named.get(outcome.message)!, outcome, outcome.count)
    add('pool', '', outcome, -outcome.count)
  }
  if (pending.size > 0) {
    await sql.query(
      `insert into message_pending (message, hour, provider, kind, count)
       select message, hour, provider, kind, count
       from jsonb_to_recordset($1::jsonb) as r(message text, hour timestamptz, provider text, kind text, count bigint)
       order by message, hour, provider, kind
       on conflict (message, hour, provider, kind) do update set count = message_pending.count + excluded.count`,
      [JSON.stringify([...pending.values()])],
    )
  }
  if (rows.size > 0) {
    await sql.query(
      `insert into delivery_hours (scope, key, hour, provider, ${KINDS.join(', ')})
       select scope, key, hour, provider, ${KINDS.map((kind) => `coalesce(${kind}, 0)`).join(', ')}
       from jsonb_to_recordset($1::jsonb)
         as r(scope text, key text, hour timestamptz, provider text, ${KINDS.map((kind) => `${kind} bigint`).join(', ')})
       order by scope, key, hour, provider
       on conflict (scope, key, hour, provider) do update set
         ${KINDS.map((kind) => `${kind} = delivery_hours.${kind} + excluded.${kind}`).join(', ')}`,
      [JSON.stringify([...rows.values()])],
    )
  }
  if (moved.length > 0) {
    // An unattributed row emptied by the move is as if it had never been: the same events in order leave none.
    await sql.query(
      `delete from delivery_hours where scope = 'pool' and key = '' and hour = any($1::timestamptz[])
       and ${KINDS.map((kind) => `${kind} = 0`).join(' and ')}`,
      [[...new Set(moved.map((outcome) => outcome.hour))]],
    )
  }
  return counted.length
}

/** A row's kinds that happened, the others left out: the batch's rows then go to the store in half the bytes. */
type HourRow = { scope: 'pool' | 'ip'; key: string; hour: string; provider: Provider } & Partial<Totals>
type Counted = Pick<ReadEvent, 'hour' | 'provider' | 'kind'>
/** Outcomes of one message, hour, provider and kind counted before its pool was known. */
type Pending = Counted & { message: string; count: number }

/** Takes the outcomes noted for messages whose pool is now known (the caller holds those messages' rows). */
async function takePending(sql: Sql, messages: string[]): Promise<Pending[]> {
  const rows = await sql.query<Pending & { hour: Date | string; count: string | number }>(
    `delete from message_pending where message in (select value from jsonb_array_elements_text($1::jsonb))
     returning message, hour, provider, kind, count`,
    [JSON.stringify(messages)],
  )
  return rows.map((row) => ({ ...row, hour: new Date(row.hour).toISOString(), count: Number(row.count) }))
}

/**
 * The pool of each message ('' for mail sent through no pool), as its processed event names it, remembered here for
 * its later events, or remembered from an earlier batch; and the messages this batch named, with their pools. A
 * message still without a pool gets a row without one, which the batch naming it later waits on.
 */
async function poolsOf(
  sql: Sql,
  events: readonly ReadEvent[],
): Promise<{ pools: Map<string, string>; named: Map<string, string> }> {
  const named = new Map<string, string>()
  for (const event of events)
    if (event.kind === 'processed' && event.message) named.set(event.message, event.pool ?? '')
  const pools = new Map(named)
  const wanted = [
    ...new Set(events.flatMap((event) => (event.message && !named.has(event.message) ? [event.message] : []))),
  ]
  if (wanted.length > 0) {
    const rows = await sql.query<{ message: string; pool: string }>(
      `select message, pool from message_pools
       where message in (select value from jsonb_array_elements_text($1::jsonb))
         and pool is not null and seen_at > now() - $2 * interval '1 hour'`,
      [JSON.stringify(wanted), ATTRIBUTION_HOURS],
    )
    for (const row of rows) pools.set(row.message, row.pool)
  }
  const waiting = wanted.filter((message) => !pools.has(message))
  if (named.size > 0 || waiting.length > 0) {
    // One statement in message order, so two counts lock the rows they share in the same order. A waiting message's
    // row keeps whatever pool another count has named meanwhile (it waited for that count to commit), and says it.
    const rows = await sql.query<{ message: string; pool: string | null }>(
      `insert into message_pools (message, pool, seen_at)
       select pair ->> 0, pair ->> 1, now() from jsonb_array_elements($1::jsonb) as pair order by 1
       on conflict (message) do update set
         pool = coalesce(excluded.pool, message_pools.pool),
         seen_at = case when excluded.pool is null then message_pools.seen_at else excluded.seen_at end
       returning message, case when seen_at > now() - $2 * interval '1 hour' then pool end as pool`,
      // Pairs, not an object: an object with a key per message is slow to build and to stringify.
      [JSON.stringify([...named, ...waiting.map((message) => [message, null])]), ATTRIBUTION_HOURS],
    )
    for (const row of rows) if (row.pool !== null && !named.has(row.message)) pools.set(row.message, row.pool)
  }
  return { pools, named }
}

const SUMS = KINDS.map((kind) => `sum(${kind})::int as ${kind}`).join(', ')
const SINCE = `hour >= date_trunc('hour', now()) - ($1 - 1) * interval '1 hour'`

const totalsOf = (row: Totals): Totals => Object.fromEntries(KINDS.map((kind) => [kind, row[kind]])) as Totals

const isConnected = async (sql: Sql) =>
  (await sql.query<{ connected: boolean }>('select exists (select 1 from delivery_hours) as connected'))[0]
    ?.connected === true

/** A pool's or an IP's counts over the range: totals, by mailbox provider, and over time. */
export async function readStats(sql: Sql, of: { pool: string } | { ip: string }, range: Range): Promise<DeliveryStats> {
  const [scope, key] = 'pool' in of ? ['pool', of.pool] : ['ip', of.ip]
  const bucket = range === '30d' ? 'day' : 'hour'
  const rows = await sql.query<Totals & { start: Date; provider: Provider }>(
    `select date_trunc('${bucket}', hour) as start, provider, ${SUMS}
     from delivery_hours where scope = $2 and key = $3 and ${SINCE}
     group by 1, 2 order by 1`,
    [RANGES[range], scope, key],
  )
  const totals = emptyTotals()
  const providers = new Map<Provider, Totals>(PROVIDERS.map((provider) => [provider, emptyTotals()]))
  const series = new Map<string, Totals>()
  for (const row of rows) {
    const start = new Date(row.start).toISOString()
    if (!series.has(start)) series.set(start, emptyTotals())
    addTotals(totals, row)
    addTotals(providers.get(row.provider)!, row)
    addTotals(series.get(start)!, row)
  }
  return {
    connected: rows.length > 0 || (await isConnected(sql)),
    range,
    totals,
    providers: [...providers].map(([provider, counts]) => ({ provider, totals: counts })),
    series: [...series].map(([start, counts]) => ({ start, totals: counts })),
  }
}

/** Every pool's (or IP's) totals over the range with what needs a look, for the lists. */
export async function readSummaries(sql: Sql, by: 'pool' | 'ip', range: Range): Promise<DeliverySummaries> {
  const rows = await sql.query<Totals & { key: string; provider: Provider }>(
    `select key, provider, ${SUMS} from delivery_hours where scope = $2 and ${SINCE} group by key, provider`,
    [RANGES[range], by],
  )
  const byKey = new Map<string, { totals: Totals; providers: ProviderTotals }>()
  for (const row of rows) {
    let one = byKey.get(row.key)
    if (!one) byKey.set(row.key, (one = { totals: emptyTotals(), providers: [] }))
    addTotals(one.totals, row)
    one.providers.push({ provider: row.provider, totals: totalsOf(row) })
  }
  return {
    connected: rows.length > 0 || (await isConnected(sql)),
    range,
    of: Object.fromEntries(
      [...byKey].map(([key, { totals, providers }]) => [key, { totals, flags: deliveryFlags(totals, providers) }]),
    ),
  }
}

/** Each pool's (or IP's) counts over the last `hours` hours, overall and by mailbox provider: what alert rules read. */
export async function readWindow(
  sql: Sql,
  by: 'pool' | 'ip',
  hours: number,
): Promise<Map<string, { totals: Totals; providers: Map<Provider, Totals> }>> {
  const rows = await sql.query<Totals & { key: string; provider: Provider }>(
    `select key, provider, ${SUMS} from delivery_hours where scope = $2 and ${SINCE} group by key, provider`,
    [hours, by],
  )
  const byKey = new Map<string, { totals: Totals; providers: Map<Provider, Totals> }>()
  for (const row of rows) {
    let one = byKey.get(row.key)
    if (!one) byKey.set(row.key, (one = { totals: emptyTotals(), providers: new Map() }))
    addTotals(one.totals, row)
    one.providers.set(row.provider, totalsOf(row))
  }
  return byKey
}

/** Deletes what has outlived its use: counts past the retention, event ids and message pools past their windows. */
export async function forgetOld(sql: Sql, retentionDays: number): Promise<void> {
  await sql.query(`delete from delivery_hours where hour < now() - $1 * interval '1 day'`, [retentionDays])
  await sql.query(`delete from webhook_events_seen where seen_at < now() - $1 * interval '1 hour'`, [SEEN_HOURS])
  await sql.query(`delete from message_pools where seen_at < now() - $1 * interval '1 hour'`, [ATTRIBUTION_HOURS])
  await sql.query(`delete from message_pending where seen_at < now() - $1 * interval '1 hour'`, [ATTRIBUTION_HOURS])
}
