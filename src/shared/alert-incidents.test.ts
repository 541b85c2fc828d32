import { describe, expect, it } from 'vitest'
import { evaluate, timesOfRules, type Incident, type Reading } from './alert-incidents.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const times = { quietMs: HOUR, remindMs: 24 * HOUR }
const reading = (crossed: boolean, value = crossed ? 0.14 : 0.02): Reading => ({
  ruleId: 'default-deferred',
  measure: 'deferred',
  scope: 'ip:198.51.100.23@microsoft',
  value,
  threshold: 0.1,
  volume: 2400,
  crossed,
})

/** Runs evaluations every five minutes from `start`, one reading each, and gathers what was notified. */
function run(start: number, crossings: boolean[], mutedUntil?: Map<string, number>) {
  let open: Incident[] = []
  const sent: string[] = []
  crossings.forEach((crossed, i) => {
    const step = evaluate(open, [reading(crossed)], start + i * 5 * MINUTE, times, mutedUntil)
    open = step.incidents
    sent.push(...step.notifications.map(({ kind }) => `${kind}@${i * 5}m`))
  })
  return { open, sent }
}

describe('incidents from readings', () => {
  it('open once for a rule and scope, however many evaluations it keeps crossing, and keep the latest figure', () => {
    const { open, sent } = run(0, [true, true, true])
    expect(sent).toEqual(['opened@0m'])
    expect(open).toHaveLength(1)
    expect(open[0]).toMatchObject({ openedAt: 0, lastCrossedAt: 10 * MINUTE, value: 0.14, resolvedAt: null })
  })

  it('resolve once the figure has stayed under the threshold for the quiet time, and say so', () => {
    const quietForAnHour = [true, ...Array<boolean>(13).fill(false)]
    const { open, sent } = run(0, quietForAnHour)
    expect(sent).toEqual(['opened@0m', 'resolved@60m'])
    expect(open).toEqual([])
  })

  it('stay open through a dip shorter than the quiet time', () => {
    const { open, sent } = run(0, [true, false, false, true, false])
    expect(sent).toEqual(['opened@0m'])
    expect(open).toHaveLength(1)
  })

  it('remind after the reminder time while still open', () => {
    const day = Array<boolean>(24 * 12 + 1).fill(true)
    const { sent } = run(0, day)
    expect(sent).toEqual(['opened@0m', 'reminder@1440m'])
  })

  it('open nothing and remind of nothing for a muted rule and scope, until the mute ends', () => {
    const muted = new Map([['default-deferred|ip:198.51.100.23@microsoft', 12 * MINUTE]])
    const { sent } = run(0, [true, true, true, true], muted)
    expect(sent).toEqual(['opened@15m'])
  })

  it('keep rules and scopes apart', () => {
    const other = { ...reading(true), scope: 'pool:marketing' }
    const step = evaluate([], [reading(true), other], 0, times)
    expect(step.notifications.map(({ incident }) => incident.scope)).toEqual([
      'ip:198.51.100.23@microsoft',
      'pool:marketing',
    ])
  })

  it("resolve and remind on each rule's own times, the others on the defaults", () => {
    const timesOf = timesOfRules([{ id: 'default-deferred', quietMinutes: 10, remindHours: 2 }], times)
    const other = { ...reading(true), ruleId: 'other-rule', scope: 'pool:marketing' }
    let open = evaluate([], [reading(true), other], 0, timesOf).incidents
    const sent: string[] = []
    for (let minute = 5; minute <= 180; minute += 5) {
      // Both keep crossing for two and a half hours, then both are quiet.
      const crossing = minute <= 150
      const step = evaluate(open, [reading(crossing), { ...other, crossed: crossing }], minute * MINUTE, timesOf)
      open = step.incidents
      sent.push(...step.notifications.map(({ kind, incident }) => `${incident.ruleId} ${kind}@${minute}m`))
    }
    expect(sent).toEqual(['default-deferred reminder@120m', 'default-deferred resolved@160m'])
    expect(open.map(({ ruleId }) => ruleId)).toEqual(['other-rule'])
  })
})
