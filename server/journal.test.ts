import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { JOURNAL_FILE, openJournal } from './journal.js'

const dataDir = () => mkdtempSync(join(tmpdir(), 'journal-'))
const change = (pool: string, user = 'ana@example.com') =>
  ({ user, action: 'create', pool, status: 200, ok: true }) as const

describe('the activity journal', () => {
  it('creates its folder, and reads back what was written, newest first', async () => {
    const dir = join(dataDir(), 'nested', 'data')
    const journal = await openJournal(dir)
    await journal.append(change('first'))
    await journal.append(change('second'))
    const page = await journal.read({})
    expect(page.entries.map((e) => e.pool)).toEqual(['second', 'first'])
    expect(page.entries[0]).toMatchObject({ id: expect.any(String), time: expect.any(String), user: 'ana@example.com' })
    expect(page.next).toBeNull()
    await journal.close()
  })

  it('has each entry on disk as one JSON line by the time append resolves', async () => {
    const dir = dataDir()
    const journal = await openJournal(dir)
    await journal.append(change('marketing'))
    const lines = readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n')
    expect(lines).toHaveLength(2)
    expect(JSON.parse(lines[0]!)).toMatchObject({ pool: 'marketing' })
    expect(lines[1]).toBe('')
    await journal.close()
  })

  it('keeps two hundred changes made at once, each on a whole line of its own', async () => {
    const dir = dataDir()
    const journal = await openJournal(dir)
    await Promise.all(Array.from({ length: 200 }, (_, i) => journal.append(change(`pool-${i}`))))
    const lines = readFileSync(join(dir, JOURNAL_FILE), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(200)
    expect(new Set(lines.map((line) => JSON.parse(line).pool)).size).toBe(200)
    await journal.close()
  })

  it('skips a line torn by a crash, and starts the next entry on a line of its own', async () => {
    const dir = dataDir()
    const first = await openJournal(dir)
    await first.append(change('before the crash'))
    await first.close()
    appendFileSync(join(dir, JOURNAL_FILE), '{"id":"torn","time":"2026-11-26T10:00:00.000Z","user":"ana@exa')

    const reopened = await openJournal(dir)
    expect((await reopened.read({})).entries.map((e) => e.pool)).toEqual(['before the crash'])
    await reopened.append(change('after the crash'))
    expect((await reopened.read({})).entries.map((e) => e.pool)).toEqual(['after the crash', 'before the crash'])
    await reopened.close()
  })

  it('reads a journal that is empty or holds a garbled line in the middle', async () => {
    const dir = dataDir()
    writeFileSync(join(dir, JOURNAL_FILE), '')
    const journal = await openJournal(dir)
    expect(await journal.read({})).toEqual({ entries: [], next: null })
    appendFileSync(join(dir, JOURNAL_FILE), 'not json\n')
    await journal.append(change('kept'))
    expect((await journal.read({})).entries.map((e) => e.pool)).toEqual(['kept'])
    await journal.close()
  })

  it('filters by pool and user, and pages with the next cursor', async () => {
    const journal = await openJournal(dataDir())
    for (let i = 0; i < 5; i += 1)
      await journal.append(change('marketing', i % 2 ? 'bo@example.com' : 'ana@example.com'))
    await journal.append({
      user: 'ana@example.com',
      action: 'rename',
      pool: 'old',
      oldName: 'old',
      newName: 'marketing',
      status: 200,
      ok: true,
    })
    await journal.append(change('other'))

    const marketing = await journal.read({ pool: 'marketing' })
    expect(marketing.entries).toHaveLength(6) // the rename counts under its new name too
    expect((await journal.read({ user: 'bo@example.com' })).entries).toHaveLength(2)

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
