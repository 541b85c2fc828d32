/**
 * Moving from the embedded store to a PostgreSQL server: copies the journal and the live sessions from one store
 * into another, in batches by keyset, keeping ids (a second run copies only what is new). Run with the server
 * stopped: `DATA_DIR=… npm run store:copy -- postgres://…`.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { migrate } from './migrate.ts'
import { openEmbedded, openPostgres, type Store } from './store.ts'

const BATCH = 5000

export async function copyStore(from: Store, to: Store): Promise<{ activity: number; sessions: number }> {
  await migrate(to)
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
  return { activity, sessions: await insertNew(to, 'sessions', sessions) }
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = process.argv[2] ?? process.env.DATABASE_URL
  if (!target || !/^postgres(ql)?:\/\//.test(target)) {
    console.error('Usage: DATA_DIR=data npm run store:copy -- postgres://user@host/database')
    process.exit(2)
  }
  const folder = resolve(process.env.DATA_DIR || 'data', 'store')
  const from = await openEmbedded(folder)
  const to = await openPostgres(target)
  try {
    const copied = await copyStore(from, to)
    console.log(`Copied ${copied.activity} journal entries and ${copied.sessions} live sessions from ${folder}.`)
  } finally {
    await Promise.all([from.close(), to.close()])
  }
}
