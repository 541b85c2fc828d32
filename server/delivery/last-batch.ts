/**
 * When the last signed batch arrived, so an admin who sends SendGrid's test event can watch it arrive. Written at most
 * once a second, however many batches come in.
 */
import type { Sql } from '../store/store.ts'

const SETTING = 'event-webhook-last-batch'

/** The statement that notes a batch's arrival (run with the batch's own write, see batch-queue.ts). */
export const BATCH_NOTE = `insert into server_settings (name, value) values ('${SETTING}', '')
  on conflict (name) do update set changed_at = now()
  where server_settings.changed_at < now() - interval '1 second'`

export async function lastBatchAt(sql: Sql): Promise<string | null> {
  const [row] = await sql.query<{ changed_at: Date }>('select changed_at from server_settings where name = $1', [
    SETTING,
  ])
  return row ? new Date(row.changed_at).toISOString() : null
}
