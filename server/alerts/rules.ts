/**
 * The alert rules in force: the defaults the dashboard comes with, as an admin has changed them, and the rules an
 * admin added. A default is kept in the store only once changed; switching one off is a change like any other.
 */
import { DEFAULT_RULES, type AlertRule } from '../../src/shared/alerts.ts'
import type { AlertRuleView } from '../../src/shared/alert-api.ts'
import type { Sql } from '../store/store.ts'

const isDefault = (id: string) => DEFAULT_RULES.some((rule) => rule.id === id)

export async function readAlertRules(sql: Sql): Promise<AlertRuleView[]> {
  const rows = await sql.query<{ id: string; rule: AlertRule | string }>('select id, rule from alert_rules order by id')
  const stored = new Map(
    rows.map((row) => [row.id, typeof row.rule === 'string' ? (JSON.parse(row.rule) as AlertRule) : row.rule]),
  )
  const defaults = DEFAULT_RULES.map(({ source, ...rule }) => ({
    ...rule,
    ...stored.get(rule.id),
    id: rule.id,
    source,
    isDefault: true,
  }))
  const added = [...stored.values()]
    .filter((rule) => !isDefault(rule.id))
    .map((rule) => ({ ...rule, isDefault: false }))
  return [...defaults, ...added]
}

/** Keeps a rule whole, as checked at the door (alertRuleProblem). */
export async function saveAlertRule(sql: Sql, rule: AlertRule, by: string): Promise<void> {
  const { id, measure, scope, threshold, windowHours, minVolume, enabled, quietMinutes, remindHours } = rule
  const kept: AlertRule = {
    id,
    measure,
    scope,
    threshold,
    windowHours,
    minVolume,
    enabled,
    ...(quietMinutes ? { quietMinutes } : {}),
    ...(remindHours ? { remindHours } : {}),
  }
  await sql.query(
    `insert into alert_rules (id, rule, updated_by) values ($1, $2::jsonb, $3)
     on conflict (id) do update set rule = excluded.rule, updated_at = now(), updated_by = excluded.updated_by`,
    [id, JSON.stringify(kept), by],
  )
}

/** Deletes a rule an admin added; a default cannot be deleted (it is switched off instead). */
export async function deleteAlertRule(sql: Sql, id: string): Promise<'deleted' | 'default' | 'unknown'> {
  if (isDefault(id)) return 'default'
  const rows = await sql.query('delete from alert_rules where id = $1 returning id', [id])
  return rows.length ? 'deleted' : 'unknown'
}
