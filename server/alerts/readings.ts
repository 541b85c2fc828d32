/**
 * Each enabled alert rule read against the figures counted from the Event Webhook (src/shared/alert-incidents.ts
 * says how); the store is read once per kind of scope and window, however many rules share them.
 */
import { readingsOf, windowsOf, type Reading, type WindowCounts } from '../../src/shared/alert-incidents.ts'
import type { AlertRule } from '../../src/shared/alerts.ts'
import { readWindow } from '../delivery/counts.ts'
import type { Sql } from '../store/store.ts'

export async function readRules(sql: Sql, rules: readonly AlertRule[]): Promise<Reading[]> {
  const windows = new Map<string, WindowCounts>()
  for (const { by, hours } of windowsOf(rules)) windows.set(`${by}|${hours}`, await readWindow(sql, by, hours))
  return readingsOf(rules, (by, hours) => windows.get(`${by}|${hours}`)!)
}
