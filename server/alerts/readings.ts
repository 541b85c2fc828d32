/**
 * Each enabled alert rule read against the figures counted from the Event Webhook: one reading per pool or IP in its
 * scope (and provider, where the rule names one) that sent anything in the rule's window. The store is read once per
 * kind of scope and window, however many rules share them.
 */
import { crosses, measureOf, type AlertRule } from '../../src/shared/alerts.ts'
import type { Totals } from '../../src/shared/delivery.ts'
import { readWindow } from '../delivery/counts.ts'
import type { Sql } from '../store/store.ts'
import type { Reading } from './incidents.ts'

export async function readRules(sql: Sql, rules: readonly AlertRule[]): Promise<Reading[]> {
  const windows = new Map<string, ReturnType<typeof readWindow>>()
  const windowOf = (by: 'pool' | 'ip', hours: number) => {
    const id = `${by}|${hours}`
    if (!windows.has(id)) windows.set(id, readWindow(sql, by, hours))
    return windows.get(id)!
  }
  const readings: Reading[] = []
  for (const rule of rules) {
    if (!rule.enabled) continue
    const { scope } = rule
    const by = scope.kind === 'pool' || scope.kind === 'every-pool' ? 'pool' : 'ip'
    const counted = await windowOf(by, rule.windowHours)
    // Mail that named no pool is counted under '': it is no pool's to alert on.
    const keys = 'name' in scope ? [scope.name] : [...counted.keys()].filter((key) => key !== '')
    for (const key of keys) {
      const figures = counted.get(key)
      const totals: Totals | undefined = scope.provider ? figures?.providers.get(scope.provider) : figures?.totals
      if (!totals) continue
      const { value } = measureOf(rule.measure, totals)
      if (value === null) continue
      readings.push({
        ruleId: rule.id,
        scope: `${by}:${key}${scope.provider ? `@${scope.provider}` : ''}`,
        value,
        threshold: rule.threshold,
        crossed: crosses(rule, totals),
      })
    }
  }
  return readings
}
