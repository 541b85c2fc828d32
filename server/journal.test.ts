/** The activity journal in the store, on each engine: written before a change is sent, read newest first by keyset. */
import type { ChangeSubject } from '../src/shared/activity.ts'
import { openJournal, type Journal } from './journal.ts'
import { ENGINES, createTestStore } from './testing'
import type { Store } from './store/store.ts'

const created = (pool: string): ChangeSubject => ({ action: 'create', pool })
const DONE = { status: 200, ok: true } as const

/** A change as the proxy makes it: the entry, then SendGrid's answer. */
async function record(journal: Journal, change: ChangeSubject, user = 'ana@example.com') {
  const entry = await journal.begin(user, change)
  await journal.complete(entry.id, DONE)
  return entry
}

describe.each(ENGINES)('the activity journal (%s store)', (engine) => {
  let store: Store
  let dispose: () => Promise<void>
  beforeAll(async () => {
    ;({ store, dispose } = await createTestStore(engine))
  })
  beforeEach(() => store.query('truncate activity'))
  afterAll(() => dispose())

  it('reads back what was written, newest first, whole', async () => {
    const journal = openJournal(store)
    await record(journal, created('first'))
    await record(journal, { action: 'subuser-ips', subuser: 'eu', ips: ['192.0.2.1', '2001:db8::1'] })
    const page = await journal.read({})
    expect(page.entries).toEqual([
      {
        id: expect.any(String),
        time: expect.any(String),
        user: 'ana@example.com',
        action: 'subuser-ips',
        subuser: 'eu',
        ips: ['192.0.2.1', '2001:db8::1'],
        status: 200,
        ok: true,
      },
      expect.objectContaining({ action: 'create', pool: 'first', status: 200, ok: true }),
    ])
    expect(page.next).toBeNull()
  })

  it('has the entry before the change is sent, and completes that same row with the answer', async () => {
    const journal = openJournal(store)
    const entry = await journal.begin('ana@example.com', created('marketing'))
    const [sent] = (await journal.read({})).entries
    expect(sent).toEqual({
      id: entry.id,
      time: entry.time,
      user: 'ana@example.com',
      action: 'create',
      pool: 'marketing',
    })
    await journal.complete(entry.id, { status: 400, ok: false, message: 'already exists' })
    const rows = await store.query('select count(*)::int as rows from activity')
    expect(rows).toEqual([{ rows: 1 }])
    expect((await journal.read({})).entries[0]).toMatchObject({ status: 400, ok: false, message: 'already exists' })
  })

  it('keeps two hundred changes made at once, each whole', async () => {
    const journal = openJournal(store)
    await Promise.all(Array.from({ length: 200 }, (_, i) => record(journal, created(`pool-${i}`))))
    const entries = (await journal.read({ limit: 500 })).entries
    expect(new Set(entries.map((entry) => entry.pool)).size).toBe(200)
    expect(entries.every((entry) => entry.ok === true)).toBe(true)
  })

  it('filters by pool (its old or new name) and by user in any case, and pages by keyset to the end', async () => {
    const journal = openJournal(store)
    for (let i = 0; i < 5; i += 1)
      await record(journal, created('marketing'), i % 2 ? 'bo@example.com' : 'ana@example.com')
    await record(journal, { action: 'rename', pool: 'old', oldName: 'old', newName: 'marketing' })
    await record(journal, created('other'))

    expect((await journal.read({ pool: 'marketing' })).entries).toHaveLength(6) // the rename counts under its new name
    expect((await journal.read({ user: 'bo@example.com' })).entries).toHaveLength(2)
    expect((await journal.read({ user: 'Bo@Example.COM' })).entries).toHaveLength(2)
    expect((await journal.read({ pool: 'marketing', user: 'ANA@example.com' })).entries).toHaveLength(4)

    const seen: string[] = []
    let before: string | undefined
    for (let page = 0; page < 5; page += 1) {
      const read = await journal.read({ limit: 3, ...(before ? { before } : {}) })
      seen.push(...read.entries.map((entry) => entry.id))
      if (!read.next) break
      before = read.next
    }
    expect(seen).toHaveLength(7)
    expect(new Set(seen).size).toBe(7)
    const byPool = await journal.read({ pool: 'marketing', limit: 4 })
    const rest = await journal.read({ pool: 'marketing', limit: 4, before: byPool.next! })
    expect([...byPool.entries, ...rest.entries].map((entry) => entry.id)).toHaveLength(6)
    expect(rest.next).toBeNull()
  })

  it('pages entries written in the same millisecond apart, by id', async () => {
    const time = '2026-11-30T10:00:00.000Z'
    for (const id of ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']) {
      await store.query(
        `insert into activity (id, time, user_email, action, pool) values ($1, $2, 'a@b.c', 'create', 'x')`,
        [id, time],
      )
    }
    const journal = openJournal(store)
    const first = await journal.read({ limit: 1 })
    const second = await journal.read({ limit: 1, before: first.next! })
    expect([first.entries[0]!.id, second.entries[0]!.id]).toEqual([
      '00000000-0000-4000-8000-000000000002',
      '00000000-0000-4000-8000-000000000001',
    ])
    expect(second.next).toBeNull()
  })

  it('takes any garbage for before and limit without failing', async () => {
    const journal = openJournal(store)
    await record(journal, created('kept'))
    for (const before of [
      'nonsense',
      '|',
      "'; drop table activity; --",
      '2026-13-45',
      `${new Date().toISOString()}|not-a-uuid`,
    ])
      expect((await journal.read({ before })).entries.length, before).toBeLessThanOrEqual(1)
    expect((await journal.read({ limit: -5 })).entries).toHaveLength(1)
    expect((await journal.read({ limit: Number.NaN })).entries).toHaveLength(1)
  })
})
