import { describe, expect, it } from 'vitest'
import { DEFAULT_RULES, type AlertRule } from '../../src/shared/alerts.ts'
import type { Provider } from '../../src/shared/delivery.ts'
import { countEvents } from '../delivery/counts.ts'
import type { ReadEvent } from '../delivery/events.ts'
import { ENGINES, sharedStore } from '../testing'
import { readRules } from './readings.ts'

const hour = new Date().toISOString().slice(0, 13) + ':00:00.000Z'

/** `count` whole messages through `pool` from `ip` to `provider`, the first `deferred` of them delayed once. */
function messages(run: string, pool: string, ip: string, provider: Provider, count: number, deferred = 0) {
  return Array.from({ length: count }, (_, m): ReadEvent[] => {
    const message = `${run}-${m}`
    return [
      { id: `${message}-p`, kind: 'processed', hour, ip: '', provider, message, pool },
      ...(m < deferred ? [{ id: `${message}-d`, kind: 'deferred' as const, hour, ip, provider, message }] : []),
      { id: `${message}-o`, kind: 'delivered', hour, ip, provider, message },
    ]
  }).flat()
}

describe.each(ENGINES)('alert rules read against the %s store', (engine) => {
  const store = sharedStore(engine)

  it('reads each pool or IP in scope, by provider where a rule says, and crosses only on enough mail', async () => {
    const sql = store()
    await sql.transaction((tx) =>
      countEvents(tx, [
        // 198.51.100.23: 1,200 to Microsoft, 180 delayed (15 %); 1,500 to Gmail, none: 6.7 % overall.
        ...messages('a', 'marketing', '198.51.100.23', 'microsoft', 1200, 180),
        ...messages('b', 'marketing', '198.51.100.23', 'gmail', 1500),
        // 192.0.2.10: 10 messages, 5 delayed: 50 %, on too little mail to judge.
        ...messages('c', 'transactional', '192.0.2.10', 'microsoft', 10, 5),
      ]),
    )
    const everyIp = DEFAULT_RULES.find(({ id }) => id === 'default-deferred')!
    const atMicrosoft: AlertRule = {
      ...everyIp,
      id: 'deferred-at-microsoft',
      scope: { kind: 'every-ip', provider: 'microsoft' },
    }
    const readings = await readRules(sql, [everyIp, atMicrosoft])
    const reading = (ruleId: string, scope: string) => readings.find((r) => r.ruleId === ruleId && r.scope === scope)

    expect(reading('default-deferred', 'ip:198.51.100.23')).toMatchObject({ crossed: false, value: 180 / 2700 })
    expect(reading('deferred-at-microsoft', 'ip:198.51.100.23@microsoft')).toMatchObject({ crossed: true, value: 0.15 })
    // Half deferred, but ten messages are under the rule's minimum volume.
    expect(reading('deferred-at-microsoft', 'ip:192.0.2.10@microsoft')).toMatchObject({ crossed: false, value: 0.5 })
    // A rule switched off reads nothing.
    expect(await readRules(sql, [{ ...atMicrosoft, enabled: false }])).toEqual([])
    // One pool named: only its figures.
    const marketing = await readRules(sql, [{ ...everyIp, id: 'one', scope: { kind: 'pool', name: 'marketing' } }])
    expect(marketing.map(({ scope }) => scope)).toEqual(['pool:marketing'])
  })
})
