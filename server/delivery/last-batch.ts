/**
 * When the last signed batch arrived, so an admin who sends SendGrid's test event can watch it arrive. Written at most
 * once a second, however many batches come in.
 */
import type { Sql } from '../store/store.ts'

const SETTING = 'event-webhook-last-batch'

export async function noteBatch(sql: Sql): Promise<void> {
  await sql.query(
    `insert into server_settings (name, value) values ($1, '') on conflict (name) do update set changed_at = now()
     where server_settings.changed_at < now() - interval '1 second'`,
    [SETTING],
  )
}

export async function lastBatchAt(sql: Sql): Promise<string | null> {
  const [row] = await sql.query<{ changed_at: Date }>('select changed_at from server_settings where name = $1', [
    SETTING,
  ])
  return row ? new Date(row.changed_at).toISOString() : null
}
