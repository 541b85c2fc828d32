/**
 * Moving in: the activity.jsonl of earlier versions imported into the store on first start, then renamed so it is
 * not read again. Idempotent by entry id (a start interrupted half way imports the rest next time); a torn line is
 * skipped and counted. Read as a stream in batches, so a journal of any size takes the same memory.
 */
import { createReadStream } from 'node:fs'
import { access, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ActivityEntry, ChangeOutcome } from '../../src/shared/activity.ts'
import type { Sql } from './store.ts'

export const JOURNAL_FILE = 'activity.jsonl'
const BATCH = 1000

export interface ImportReport {
  imported: number
  /** Lines that were not whole JSON (a crash mid-write). */
  torn: number
  /** The name the file was given once read. */
  renamedTo: string
}

type Line = ActivityEntry | { id: string; outcome: ChangeOutcome }

/** Imports DATA_DIR/activity.jsonl if there is one; undefined if there is none. */
export async function importJournalFile(sql: Sql, dataDir: string): Promise<ImportReport | undefined> {
  const path = join(dataDir, JOURNAL_FILE)
  if (
    !(await access(path).then(
      () => true,
      () => false,
    ))
  )
    return undefined
  let imported = 0
  let torn = 0
  let entries: ActivityEntry[] = []
  let outcomes: { id: string; outcome: ChangeOutcome }[] = []
  const flush = async () => {
    if (entries.length) imported += await insertEntries(sql, entries)
    if (outcomes.length) await applyOutcomes(sql, outcomes)
    entries = []
    outcomes = []
  }
  for await (const text of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (!text.trim()) continue
    let line: Line
    try {
      line = JSON.parse(text)
    } catch {
      torn += 1
      continue
    }
    if (!line || typeof line.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(line.id)) torn += 1
    else if ('outcome' in line) outcomes.push(line)
    else if (typeof line.time === 'string' && typeof line.user === 'string' && typeof line.action === 'string')
      entries.push(line)
    else torn += 1
    if (entries.length + outcomes.length >= BATCH) await flush()
  }
  await flush()
  const renamedTo = `${path}.imported-${new Date().toISOString().replace(/[:.]/g, '-')}`
  await rename(path, renamedTo)
  return { imported, torn, renamedTo }
}

/** One statement per batch: the rows as a JSON array, unpacked by the database; ids already there are kept. */
async function insertEntries(sql: Sql, entries: ActivityEntry[]): Promise<number> {
  const rows = await sql.query<{ inserted: number }>(
    `with added as (
       insert into activity (id, time, user_email, action, pool, ip, old_name, new_name, subuser, ips, status, ok, message)
       select e.id, e.time, lower(e."user"), e.action, e.pool, e.ip, e."oldName", e."newName", e.subuser, e.ips,
              e.status, e.ok, e.message
       from jsonb_to_recordset($1::jsonb) as e(id uuid, time timestamptz, "user" text, action text, pool text,
            ip text, "oldName" text, "newName" text, subuser text, ips jsonb, status int, ok boolean, message text)
       on conflict (id) do nothing
       returning 1)
     select count(*)::int as inserted from added`,
    [JSON.stringify(entries)],
  )
  return rows[0]?.inserted ?? 0
}

async function applyOutcomes(sql: Sql, outcomes: { id: string; outcome: ChangeOutcome }[]) {
  await sql.query(
    `update activity set status = o.status, ok = o.ok, message = o.message
     from jsonb_to_recordset($1::jsonb) as o(id uuid, status int, ok boolean, message text)
     where activity.id = o.id`,
    [JSON.stringify(outcomes.map(({ id, outcome }) => ({ id, ...outcome })))],
  )
}
