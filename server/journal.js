// @ts-check
/**
 * The activity journal on disk: JSON lines in DATA_DIR/activity.jsonl. Each entry is one write of one whole line,
 * flushed to disk before the change's answer goes back, one write at a time. A line torn by a crash is skipped on
 * read and fenced off with a newline on open, so the next entry starts a line of its own.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { queryActivity } from './activity.js'

/** @typedef {import('./activity.js').ActivityEntry} ActivityEntry */

export const JOURNAL_FILE = 'activity.jsonl'

/** @param {string} dataDir */
export async function openJournal(dataDir) {
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

  return {
    path,
    /**
     * Appends one entry and resolves once it is on disk.
     * @param {Omit<ActivityEntry, 'id' | 'time'>} change
     * @returns {Promise<ActivityEntry>}
     */
    append(change) {
      const entry = { id: randomUUID(), time: new Date().toISOString(), ...change }
      const written = queue.then(async () => {
        await file.appendFile(`${JSON.stringify(entry)}\n`)
        await file.datasync()
      })
      queue = written.catch(() => {})
      return written.then(() => entry)
    },
    /** @param {import('./activity.js').ActivityQuery} query */
    async read(query) {
      const text = await readFile(path, 'utf8')
      /** @type {ActivityEntry[]} */
      const entries = []
      for (const line of text.split('\n')) {
        if (!line.trim()) continue
        try {
          entries.push(JSON.parse(line))
        } catch {
          // a line torn by a crash mid-write: the rest of the journal still reads
        }
      }
      return queryActivity(entries, query)
    },
    close() {
      return queue.then(() => file.close())
    },
  }
}

/** @typedef {Awaited<ReturnType<typeof openJournal>>} Journal */
