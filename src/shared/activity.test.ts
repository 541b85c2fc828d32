import { cursorOf, queryActivity, timeOrderedId, type ActivityEntry } from './activity'

describe('journal entry ids', () => {
  it('are UUIDs that sort in the order they were made, within one millisecond too', () => {
    const ids = Array.from({ length: 50 }, () => timeOrderedId(1_790_000_000_000))
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(
      true,
    )
    expect([...ids].sort()).toEqual(ids)
    expect(timeOrderedId(1_790_000_000_001) > ids.at(-1)!).toBe(true)
  })
})

describe('a journal read in memory', () => {
  it('pages newest first by keyset, entries of one millisecond in the order they were written', () => {
    const time = '2026-12-01T10:00:00.000Z'
    const entries: ActivityEntry[] = Array.from({ length: 5 }, (_, i) => ({
      id: timeOrderedId(Date.parse(time)),
      time,
      user: 'ana@example.com',
      action: 'create',
      pool: `p${i}`,
    }))
    const first = queryActivity(entries, { limit: 2 })
    expect(first.entries.map((e) => e.pool)).toEqual(['p4', 'p3'])
    expect(first.next).toBe(cursorOf(first.entries[1]!))
    const rest = queryActivity(entries, { limit: 10, before: first.next! })
    expect(rest.entries.map((e) => e.pool)).toEqual(['p2', 'p1', 'p0'])
    expect(rest.next).toBeNull()
  })
})
