/**
 * The activity journal, in the store: one row per change, inserted (and committed) before the change is sent and
 * completed in place by SendGrid's answer. A row whose answer never came (a crash in between) reads as outcome
 * unknown. Read newest first by keyset (time, id), so a page costs the same at any depth and any size of journal.
 */
import {
  cursorOf,
  pageSize,
  parseCursor,
  timeOrderedId,
  type ActivityAction,
  type ActivityEntry,
  type ActivityQuery,
  type ChangeOutcome,
  type ChangeSubject,
} from '../src/shared/activity.ts'
import type { ActivityPage } from '../src/shared/dashboard-api.ts'
import { MESSAGES } from '../src/shared/messages.ts'
import type { Sql } from './store/store.ts'

export interface Journal {
  /** Writes the entry of a change about to be sent; resolves once it is committed. */
  begin(user: string, change: ChangeSubject): Promise<ActivityEntry>
  /** Writes SendGrid's answer into the entry of a change begun before; resolves once it is committed. */
  complete(id: string, outcome: ChangeOutcome): Promise<void>
  read(query: ActivityQuery): Promise<ActivityPage>
}

export interface ActivityRow {
  id: string
  time: Date
  user_email: string
  action: string
  pool: string | null
  ip: string | null
  old_name: string | null
  new_name: string | null
  subuser: string | null
  webhook: string | null
  old_key: string | null
  new_key: string | null
  rule: string | null
  incident: string | null
  channel: string | null
  until_at: Date | null
  apply_id: string | null
  token: string | null
  ips: string[] | string | null
  status: number | null
  ok: boolean | null
  message: string | null
}

const COLUMNS =
  'id, time, user_email, action, pool, ip, old_name, new_name, subuser, ips, status, ok, message, webhook, old_key, new_key, ' +
  'rule, incident, channel, until_at, apply_id, token'

/** A row as the app reads it: absent where the column is null. */
function entryOf(row: ActivityRow): ActivityEntry {
  const ips = typeof row.ips === 'string' ? (JSON.parse(row.ips) as string[]) : row.ips
  return {
    id: row.id,
    time: new Date(row.time).toISOString(),
    user: row.user_email,
    action: row.action as ActivityAction,
    ...(row.pool !== null ? { pool: row.pool } : {}),
    ...(row.ip !== null ? { ip: row.ip } : {}),
    ...(row.old_name !== null ? { oldName: row.old_name } : {}),
    ...(row.new_name !== null ? { newName: row.new_name } : {}),
    ...(row.subuser !== null ? { subuser: row.subuser } : {}),
    ...(ips !== null ? { ips } : {}),
    ...(row.status !== null ? { status: row.status, ok: Boolean(row.ok) } : {}),
    ...(row.message !== null ? { message: row.message } : {}),
    ...(row.webhook !== null ? { webhook: row.webhook } : {}),
    ...(row.old_key !== null ? { oldKey: row.old_key } : {}),
    ...(row.new_key !== null ? { newKey: row.new_key } : {}),
    ...(row.rule ? { rule: row.rule } : {}),
    ...(row.incident ? { incident: row.incident } : {}),
    ...(row.channel ? { channel: row.channel } : {}),
    ...(row.until_at ? { until: new Date(row.until_at).toISOString() } : {}),
    ...(row.apply_id ? { apply: row.apply_id } : {}),
    ...(row.token ? { token: row.token } : {}),
  }
}

/** The columns of an entry, in the order of COLUMNS, for an insert. */
export function valuesOf(entry: ActivityEntry): unknown[] {
  return [
    entry.id,
    entry.time,
    entry.user,
    entry.action,
    entry.pool ?? null,
    entry.ip ?? null,
    entry.oldName ?? null,
    entry.newName ?? null,
    entry.subuser ?? null,
    entry.ips ? JSON.stringify(entry.ips) : null,
    entry.status ?? null,
    entry.ok ?? null,
    entry.message ?? null,
    entry.webhook ?? null,
    entry.oldKey ?? null,
    entry.newKey ?? null,
    entry.rule ?? null,
    entry.incident ?? null,
    entry.channel ?? null,
    entry.until ?? null,
    entry.apply ?? null,
    entry.token ?? null,
  ]
}

export const INSERT_ACTIVITY = `insert into activity (${COLUMNS})
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) on conflict (id) do nothing`

/** The same entry as refused, whether or not its first write has landed: whichever comes second, it reads refused. */
const WRITE_REFUSED = `insert into activity (${COLUMNS})
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
  on conflict (id) do update set status = excluded.status, ok = excluded.ok, message = excluded.message`

/** How long a refused change's entry is tried again while the store does not answer. */
const SETTLE_FOR_MS = 10 * 60 * 1000
const SETTLE_EVERY_MS = 2_000

export function openJournal(sql: Sql): Journal {
  /**
   * A first write that failed may still land: a database that was frozen runs what it had been sent once it wakes,
   * after the change was refused and nothing was sent. The entry is written again as refused until the store takes
   * it, so the journal never reads a refused change as done or of unknown outcome.
   */
  function settleAsRefused(entry: ActivityEntry) {
    const refused = valuesOf({ ...entry, status: 503, ok: false, message: MESSAGES.journalUnwritable })
    const giveUpAt = Date.now() + SETTLE_FOR_MS
    const attempt = () =>
      sql.query(WRITE_REFUSED, refused).catch(() => {
        if (Date.now() < giveUpAt) setTimeout(attempt, SETTLE_EVERY_MS).unref()
      })
    setTimeout(attempt, SETTLE_EVERY_MS).unref()
  }

  return {
    async begin(user, change) {
      const now = Date.now()
      const entry: ActivityEntry = { id: timeOrderedId(now), time: new Date(now).toISOString(), user, ...change }
      try {
        await sql.query(INSERT_ACTIVITY, valuesOf(entry))
      } catch (error) {
        settleAsRefused(entry)
        throw error
      }
      return entry
    },
    async complete(id, { status, ok, message }) {
      await sql.query('update activity set status = $2, ok = $3, message = $4 where id = $1', [
        id,
        status,
        ok,
        message ?? null,
      ])
    },
    async read(query) {
      const size = pageSize(query.limit)
      const rows = await sql.query<ActivityRow>(...pageQuery(query, size + 1))
      const entries = rows.slice(0, size).map(entryOf)
      return { entries, next: rows.length > size ? cursorOf(entries.at(-1)!) : null }
    },
  }
}

/**
 * One page's query. Each filter uses its own index in newest-first order; a pool's changes are the union of those
 * under its name and those that renamed a pool to it, each read by index to the page's size.
 */
function pageQuery({ pool, user, before }: ActivityQuery, limit: number): [string, unknown[]] {
  const params: unknown[] = []
  const bind = (value: unknown) => `$${params.push(value)}`
  const common: string[] = []
  const cursor = parseCursor(before)
  if (cursor?.id) common.push(`(time, id) < (${bind(cursor.time)}::timestamptz, ${bind(cursor.id)}::uuid)`)
  else if (cursor) common.push(`time < ${bind(cursor.time)}::timestamptz`)
  if (user) common.push(`lower(user_email) = lower(${bind(user)})`)
  const order = `order by time desc, id desc limit ${bind(limit)}`
  const where = (extra: string[]) => {
    const all = [...extra, ...common]
    return all.length ? `where ${all.join(' and ')}` : ''
  }
  if (!pool) return [`select ${COLUMNS} from activity ${where([])} ${order}`, params]
  const name = bind(pool)
  const byName = `(select ${COLUMNS} from activity ${where([`pool = ${name}`])} ${order})`
  const renamedTo = `(select ${COLUMNS} from activity ${where([`new_name = ${name}`, `pool <> ${name}`])} ${order})`
  return [`select * from (${byName} union all ${renamedTo}) as page ${order}`, params]
}
