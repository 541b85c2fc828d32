/**
 * Moving from the embedded store to a PostgreSQL server: copies the journal and the live sessions from one store
 * into another, in batches by keyset, keeping ids (a second run copies only what is new); then the delivery counts,
 * the Event Webhook's remembered events and message pools, and the server's settings (its connected webhook key), the
 * source's rows winning. What must settle in the source first (batches of events still waiting to be counted) is the
 * caller's to say: the store knows tables, not what they mean. The command is server/copy-store.ts.
 */
import { migrate } from './migrate.ts'
import type { Store } from './store.ts'

const BATCH = 5000

/** Tables copied whole, by their primary key: a row already in the target takes the source's values. */
const KEPT_TABLES = {
  delivery_hours: ['scope', 'key', 'hour', 'provider'],
  webhook_events_seen: ['id'],
  message_pools: ['message'],
  message_pending: ['message', 'hour', 'provider', 'kind'],
  server_settings: ['name'],
  webhook_batches_set_aside: ['id'],
  alert_rules: ['id'],
  alert_incidents: ['id'],
  alert_outbox: ['id'],
  alert_channels: ['id'],
  alert_mutes: ['rule_id', 'scope'],
  alert_attempts: ['id'],
} as const

export async function copyStore(
  from: Store,
  to: Store,
  { settle }: { settle?: (from: Store) => Promise<unknown> } = {},
): Promise<{ activity: number; sessions: number } & Record<keyof typeof KEPT_TABLES, number>> {
  await migrate(to)
  await settle?.(from)
  let activity = 0
  let after: { time: Date; id: string } | undefined
  for (;;) {
    const rows = await from.query<{ time: Date; id: string }>(
      `select * from activity ${after ? 'where (time, id) > ($2::timestamptz, $3::uuid)' : ''}
       order by time, id limit $1`,
      after ? [BATCH, after.time, after.id] : [BATCH],
    )
    if (rows.length === 0) break
    activity += await insertNew(to, 'activity', rows)
    after = rows.at(-1)
  }
  const sessions = await from.query('select * from sessions where revoked_at is null and expires_at > now()')
  const kept = {} as Record<keyof typeof KEPT_TABLES, number>
  for (const [table, key] of Object.entries(KEPT_TABLES) as [keyof typeof KEPT_TABLES, readonly string[]][])
    kept[table] = await copyTable(from, to, table, key)
  return { activity, sessions: await insertNew(to, 'sessions', sessions), ...kept }
}

/** Copies a whole table by keyset on its primary key, the source's rows replacing the target's; how many rows. */
async function copyTable(from: Store, to: Store, table: string, key: readonly string[]): Promise<number> {
  const keyList = key.join(', ')
  let copied = 0
  let after: Record<string, unknown> | undefined
  for (;;) {
    const rows = await from.query<Record<string, unknown>>(
      `select * from ${table} ${after ? `where (${keyList}) > (${key.map((_, i) => `$${i + 2}`).join(', ')})` : ''}
       order by ${keyList} limit $1`,
      after ? [BATCH, ...key.map((column) => after![column])] : [BATCH],
    )
    if (rows.length === 0) return copied
    const columns = Object.keys(rows[0]!).filter((column) => !key.includes(column))
    await to.query(
      `insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)
       on conflict (${keyList}) do update set ${columns.map((column) => `${column} = excluded.${column}`).join(', ')}`,
      [JSON.stringify(rows)],
    )
    copied += rows.length
    after = rows.at(-1)
  }
}

/** Inserts rows read from the same table elsewhere, keeping those whose id is there already; how many were new. */
async function insertNew(to: Store, table: 'activity' | 'sessions', rows: readonly unknown[]): Promise<number> {
  const [added] = await to.query<{ copied: number }>(
    `with added as (
       insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)
       on conflict (id) do nothing returning 1)
     select count(*)::int as copied from added`,
    [JSON.stringify(rows)],
  )
  return added?.copied ?? 0
}
