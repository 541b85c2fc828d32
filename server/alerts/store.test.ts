import { describe, expect, it } from 'vitest'
import { ENGINES, sharedStore } from '../testing'
import type { Reading } from '../../src/shared/alert-incidents.ts'
import { openIncidents, recordEvaluation } from './store.ts'

const MINUTE = 60_000
const reading = (crossed: boolean, scope = 'ip:198.51.100.23@microsoft'): Reading => ({
  ruleId: 'default-deferred',
  measure: 'deferred',
  scope,
  value: crossed ? 0.15 : 0.02,
  threshold: 0.1,
  volume: 2400,
  crossed,
})
const outbox = async (sql: { query: <R>(text: string) => Promise<R[]> }) =>
  (await sql.query<{ kind: string }>('select kind from alert_outbox order by created_at')).map(({ kind }) => kind)

describe.each(ENGINES)('alert incidents in the %s store', (engine) => {
  const store = sharedStore(engine)

  it('open one incident and queue one notification per channel, however often it keeps crossing, then resolve it', async () => {
    await store().query(
      `insert into alert_channels (id, kind, name, settings, secret, updated_by)
       values (gen_random_uuid(), 'slack', 'ops', '{}', '{}', 'test')`,
    )
    const start = Date.parse('2026-12-07T10:00:00Z')
    expect((await recordEvaluation(store(), [reading(true)], start)).map(({ kind }) => kind)).toEqual(['opened'])
    for (let i = 1; i <= 3; i += 1)
      expect(await recordEvaluation(store(), [reading(true)], start + i * 5 * MINUTE)).toEqual([])
    expect(await openIncidents(store())).toMatchObject([
      { scope: 'ip:198.51.100.23@microsoft', measure: 'deferred', value: 0.15 },
    ])
    await recordEvaluation(store(), [reading(false)], start + 80 * MINUTE)
    expect(await openIncidents(store())).toEqual([])
    expect(await outbox(store())).toEqual(['opened', 'resolved'])
  })

  it('opens the same rule and scope once when evaluations run at the same time, as on two servers', async () => {
    const now = Date.parse('2026-12-07T12:00:00Z')
    const both = await Promise.all([
      recordEvaluation(store(), [reading(true, 'pool:marketing')], now),
      recordEvaluation(store(), [reading(true, 'pool:marketing')], now),
    ])
    expect(both.flat().map(({ kind }) => kind)).toEqual(['opened'])
    expect(await openIncidents(store())).toHaveLength(1)
  })
})
