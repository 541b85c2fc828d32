/**
 * The activity journal on disk: JSON lines in DATA_DIR/activity.jsonl. A change is written in two lines: the entry
 * (who, what, when) before it is sent, and its outcome once SendGrid answers, each flushed to disk before the server
 * goes on, one write at a time. An entry whose outcome never came (a crash in between) reads as outcome unknown. A
 * line torn by a crash is skipped on read and fenced off with a newline on open.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  queryActivity,
  type ActivityEntry,
  type ActivityQuery,
  type ChangeOutcome,
  type ChangeSubject,
} from '../src/shared/activity.ts'
import type { ActivityPage } from '../src/shared/dashboard-api.ts'

export const JOURNAL_FILE = 'activity.jsonl'

/** The second line of a change: its entry's id and SendGrid's answer. */
interface OutcomeLine {
  id: string
  outcome: ChangeOutcome
}

export interface Journal {
  /** Writes the entry of a change about to be sent; resolves once it is on disk. */
  begin(user: string, change: ChangeSubject): Promise<ActivityEntry>
  /** Writes SendGrid's answer to a change begun before; resolves once it is on disk. */
  complete(id: string, outcome: ChangeOutcome): Promise<void>
  read(query: ActivityQuery): Promise<ActivityPage>
  close(): Promise<void>
}

export async function openJournal(dataDir: string): Promise<Journal> {
  await mkdir(dataDir, { recursive: true })
  const path = join(dataDir, JOURNAL_FILE)
  const file = await open(path, 'a+')
  const { size } = await file.stat()
  if (size > 0) {
    const last = Buffer.alloc(1)
    await file.read(last, 0, 1, size - 1)
    if (last[0] !== 0x0a) await file.appendFile('\n')
  }

  /** Writes wait for the one before, so two changes at once never interleave. */
  let queue = Promise.resolve()
  function write(line: object): Promise<void> {
    const written = queue.then(async () => {
      await file.appendFile(`${JSON.stringify(line)}\n`)
      await file.datasync()
    })
    queue = written.catch(() => {})
    return written
  }

  return {
    async begin(user, change) {
      const entry: ActivityEntry = { id: randomUUID(), time: new Date().toISOString(), user, ...change }
      await write(entry)
      return entry
    },
    complete: (id, outcome) => write({ id, outcome } satisfies OutcomeLine),
    async read(query) {
      const text = await readFile(path, 'utf8')
      const entries: ActivityEntry[] = []
      const byId = new Map<string, ActivityEntry>()
      for (const line of text.split('\n')) {
        if (!line.trim()) continue
        let parsed: ActivityEntry | OutcomeLine
        try {
          parsed = JSON.parse(line)
        } catch {
          continue // a line torn by a crash mid-write: the rest of the journal still reads
        }
        if ('outcome' in parsed) {
          const entry = byId.get(parsed.id)
          if (entry) Object.assign(entry, parsed.outcome)
        } else {
          entries.push(parsed)
          byId.set(parsed.id, parsed)
        }
      }
      return queryActivity(entries, query)
    },
    close: () => queue.then(() => file.close()),
  }
}
