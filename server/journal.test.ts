import { appendFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChangeSubject } from '../src/shared/activity.ts'
import { JOURNAL_FILE, openJournal, type Journal } from './journal.ts'

const dataDir = () => mkdtempSync(join(tmpdir(), 'journal-'))
const created = (pool: string): ChangeSubject => ({ action: 'create', pool })
const DONE = { status: 200, ok: true } as const

/** A change as the proxy makes it: the entry, then SendGrid's answer. */
async function record(journal: Journal, change: ChangeSubject, user = 'ana@example.com') {
  const entry = await journal.begin(user, change)
  await journal.complete(entry.id, DONE)
  return entry
}

describe('the activity journal', () => {
  it('creates its folder, and reads back what was written, newest first', async () => {
    const dir = join(dataDir(), 'nested', 'data')
    const journal = await openJournal(dir)
    await record(journal, created('first'))
    await record(journal, created('second'))
    const page = await journal.read({})
    expect(page.entries.map((e) => e.pool)).toEqual(['second', 'first'])
    expect(page.entries[0]).toEqual({
      id: expect.any(String),
      time: expect.any(String),
      user: 'ana@example.com',
      action: 'create',
      pool: 'second',
      status: 200,
      ok: true,
    })
    expect(page.next).toBeNull()
    await journal.close()
  })

  it('has the entry on disk before the change is sent, and its outcome once SendGrid answers', async () => {
    const dir = dataDir()
    const journal = await openJournal(dir)
    const entry = await journal.begin('ana@example.com', created('marketing'))
    const lines = () => readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n')
    expect(lines()).toHaveLength(2)
    expect(JSON.parse(lines()[0]!)).toMatchObject({ id: entry.id, pool: 'marketing' })
    expect((await journal.read({})).entries[0]).not.toHaveProperty('status') // sent, not yet answered

    await journal.complete(entry.id, { status: 400, ok: false, message: 'already exists' })
    expect(lines()).toHaveLength(3)
    expect((await journal.read({})).entries[0]).toMatchObject({ status: 400, ok: false, message: 'already exists' })
    await journal.close()
  })

  it('keeps an entry whose answer never came (a crash in between) as sent, with no outcome', async () => {
    const dir = dataDir()
    const before = await openJournal(dir)
    await record(before, created('answered'))
    await before.begin('ana@example.com', created('unanswered'))
    await before.close()
    const after = await openJournal(dir)
    const [unanswered, answered] = (await after.read({})).entries
    expect(unanswered).toMatchObject({ pool: 'unanswered' })
    expect(unanswered!.status).toBeUndefined()
    expect(answered).toMatchObject({ pool: 'answered', status: 200, ok: true })
    await after.close()
  })

  it('keeps two hundred changes made at once, each on whole lines of its own', async () => {
    const dir = dataDir()
    const journal = await openJournal(dir)
    await Promise.all(Array.from({ length: 200 }, (_, i) => record(journal, created(`pool-${i}`))))
    const lines = readFileSync(join(dir, JOURNAL_FILE), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(400)
    const entries = (await journal.read({ limit: 500 })).entries
    expect(new Set(entries.map((entry) => entry.pool)).size).toBe(200)
    expect(entries.every((entry) => entry.ok === true)).toBe(true)
    await journal.close()
  })

  it('refuses to begin a change when the disk refuses the write', async () => {
    const dir = dataDir()
    symlinkSync('/dev/full', join(dir, JOURNAL_FILE)) // every write fails with ENOSPC, root or not
    const journal = await openJournal(dir)
    await expect(journal.begin('ana@example.com', created('lost'))).rejects.toThrow(/ENOSPC/)
    // A failed write does not block the ones after it.
    await expect(journal.begin('ana@example.com', created('lost too'))).rejects.toThrow(/ENOSPC/)
    await journal.close()
  })

  it('skips a line torn by a crash, and starts the next entry on a line of its own', async () => {
    const dir = dataDir()
    const first = await openJournal(dir)
    await record(first, created('before the crash'))
    await first.close()
    appendFileSync(join(dir, JOURNAL_FILE), '{"id":"torn","time":"2026-11-26T10:00:00.000Z","user":"ana@exa')

    const reopened = await openJournal(dir)
    expect((await reopened.read({})).entries.map((e) => e.pool)).toEqual(['before the crash'])
    await record(reopened, created('after the crash'))
    expect((await reopened.read({})).entries.map((e) => e.pool)).toEqual(['after the crash', 'before the crash'])
    await reopened.close()
  })

  it('reads a journal that is empty or holds a garbled line in the middle', async () => {
    const dir = dataDir()
    writeFileSync(join(dir, JOURNAL_FILE), '')
    const journal = await openJournal(dir)
    expect(await journal.read({})).toEqual({ entries: [], next: null })
    appendFileSync(join(dir, JOURNAL_FILE), 'not json\n')
    await record(journal, created('kept'))
    expect((await journal.read({})).entries.map((e) => e.pool)).toEqual(['kept'])
    await journal.close()
  })

  it('filters by pool and by user in any case, and pages with the next cursor', async () => {
    const journal = await openJournal(dataDir())
    for (let i = 0; i < 5; i += 1)
      await record(journal, created('marketing'), i % 2 ? 'bo@example.com' : 'ana@example.com')
    await record(journal, { action: 'rename', pool: 'old', oldName: 'old', newName: 'marketing' })
    await record(journal, created('other'))

    const marketing = await journal.read({ pool: 'marketing' })
    expect(marketing.entries).toHaveLength(6) // the rename counts under its new name too
    expect((await journal.read({ user: 'bo@example.com' })).entries).toHaveLength(2)
    expect((await journal.read({ user: 'Bo@Example.COM' })).entries).toHaveLength(2)

    const first = await journal.read({ limit: 3 })
    expect(first.entries.map((e) => e.pool)).toEqual(['other', 'old', 'marketing'])
    const second = await journal.read({ limit: 3, before: first.next! })
    expect(second.entries).toHaveLength(3)
    expect(second.entries.map((e) => e.id)).not.toContain(first.entries[2]!.id)
    const last = await journal.read({ limit: 3, before: second.next! })
    expect(last.entries).toHaveLength(1)
    expect(last.next).toBeNull()
    await journal.close()
  })
})
