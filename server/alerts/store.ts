/**
 * Incidents and their notifications in the store. One evaluation is one transaction under a lock every server takes:
 * the incidents it changes and the notifications it queues in the outbox (one per enabled channel) are kept together
 * or not at all, so a crash between opening an incident and sending loses nothing, and two servers on one database
 * never open one twice. Mutes are read in the same transaction.
 */
import { randomUUID } from 'node:crypto'
import type { AlertAttempt, AlertIncident, AlertMute } from '../../src/shared/alert-api.ts'
import { parseScopeKey } from '../../src/shared/alert-api.ts'
import type { Measure } from '../../src/shared/alerts.ts'
import type { Sql, Store } from '../store/store.ts'
import {
  evaluate,
  type Incident,
  type IncidentTimes,
  type Notification,
  type Reading,
} from '../../src/shared/alert-incidents.ts'

/** Any number, the same in every server: the key of the advisory lock evaluations run under. */
const EVALUATION_LOCK = 7_041_977

interface IncidentRow {
  id: string
  rule_id: string
  measure: Measure | null
  scope: string
  opened_at: Date
  last_crossed_at: Date
  value: number
  opened_value: number | null
  volume: number
  threshold: number
  notified_at: Date
  evaluated_at: Date | null
  resolved_at: Date | null
  acknowledged_at: Date | null
  acknowledged_by: string | null
}

const ms = (time: Date) => new Date(time).getTime()
const iso = (time: Date | null) => (time === null ? null : new Date(time).toISOString())

/** An incident's measure: kept with it (before migration 011, the rule's, if it is still there). */
const measureOfRow = (row: IncidentRow, measureOf: (ruleId: string) => Measure | undefined = () => undefined) =>
  row.measure ?? measureOf(row.rule_id) ?? 'bounced'

const incidentOf = (row: IncidentRow): Incident => ({
  ruleId: row.rule_id,
  measure: measureOfRow(row),
  scope: row.scope,
  openedAt: ms(row.opened_at),
  lastCrossedAt: ms(row.last_crossed_at),
  value: Number(row.value),
  openedValue: Number(row.opened_value ?? row.value),
  volume: Number(row.volume),
  threshold: Number(row.threshold),
  notifiedAt: ms(row.notified_at),
  resolvedAt: null,
})

const keyOf = (of: { ruleId: string; scope: string }) => `${of.ruleId}|${of.scope}`

/** The open incidents, with their ids. */
export async function openIncidents(sql: Sql): Promise<(Incident & { id: string })[]> {
  const rows = await sql.query<IncidentRow>(
    'select * from alert_incidents where resolved_at is null order by opened_at',
  )
  return rows.map((row) => ({ ...incidentOf(row), id: row.id }))
}

/** Each muted rule-scope and until when, as `evaluate` reads them. */
async function mutedUntil(sql: Sql): Promise<Map<string, number>> {
  const rows = await sql.query<{ rule_id: string; scope: string; until: Date }>(
    'select rule_id, scope, until from alert_mutes where until > now()',
  )
  return new Map(rows.map((row) => [keyOf({ ruleId: row.rule_id, scope: row.scope }), ms(row.until)]))
}

/** Applies one evaluation's readings at `now`: incidents written and notifications queued, in one transaction. */
export async function recordEvaluation(
  store: Store,
  readings: readonly Reading[],
  now: number,
  times?: IncidentTimes | ((ruleId: string) => IncidentTimes),
): Promise<Notification[]> {
  return store.transaction(async (sql) => {
    await sql.query('select pg_advisory_xact_lock($1)', [EVALUATION_LOCK])
    const open = await openIncidents(sql)
    const ids = new Map(open.map((incident) => [keyOf(incident), incident.id]))
    const step = evaluate(open, readings, now, times, await mutedUntil(sql))
    const at = (time: number | null) => (time === null ? null : new Date(time).toISOString())
    for (const incident of [...step.incidents, ...step.resolved]) {
      const id = ids.get(keyOf(incident)) ?? randomUUID()
      ids.set(keyOf(incident), id)
      await sql.query(
        `insert into alert_incidents (id, rule_id, scope, opened_at, last_crossed_at, value, opened_value, volume,
           threshold, notified_at, resolved_at, evaluated_at, measure)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         on conflict (id) do update set last_crossed_at = excluded.last_crossed_at, value = excluded.value,
           volume = excluded.volume, threshold = excluded.threshold, notified_at = excluded.notified_at,
           resolved_at = excluded.resolved_at, evaluated_at = excluded.evaluated_at`,
        [
          id,
          incident.ruleId,
          incident.scope,
          at(incident.openedAt),
          at(incident.lastCrossedAt),
          incident.value,
          incident.openedValue,
          Math.round(incident.volume),
          incident.threshold,
          at(incident.notifiedAt),
          at(incident.resolvedAt),
          at(now),
          incident.measure,
        ],
      )
    }
    // One row per notification and enabled channel: each channel is sent to, and retried, on its own.
    for (const { kind, incident } of step.notifications)
      await sql.query(
        `insert into alert_outbox (id, incident_id, kind, channel_id)
         select gen_random_uuid(), $1, $2, id from alert_channels where enabled`,
        [ids.get(keyOf(incident)), kind],
      )
    return step.notifications
  })
}

export interface IncidentFilter {
  /** This one incident, open or resolved. */
  id?: string
  pool?: string
  ip?: string
  /** Resolved ones, newest first; else the open ones. */
  resolved?: boolean
  limit?: number
}

/** Incidents as the API answers them, with every attempt to deliver them. */
export async function readIncidents(
  sql: Sql,
  measureOf: (ruleId: string) => Measure | undefined,
  { id, pool, ip, resolved = false, limit = 100 }: IncidentFilter = {},
): Promise<AlertIncident[]> {
  const params: unknown[] = [limit]
  const where = [
    id !== undefined ? `id = $${params.push(id)}` : resolved ? 'resolved_at is not null' : 'resolved_at is null',
  ]
  if (pool !== undefined)
    where.push(`(scope = $${params.push(`pool:${pool}`)} or scope like $${params.push(`pool:${pool}@%`)})`)
  if (ip !== undefined) where.push(`(scope = $${params.push(`ip:${ip}`)} or scope like $${params.push(`ip:${ip}@%`)})`)
  const rows = await sql.query<IncidentRow>(
    `select * from alert_incidents where ${where.join(' and ')}
     order by ${resolved ? 'resolved_at desc' : 'opened_at'} limit $1`,
    params,
  )
  const attempts = await attemptsOf(
    sql,
    rows.map((row) => row.id),
  )
  return rows.map((row) => ({
    id: row.id,
    ruleId: row.rule_id,
    measure: measureOfRow(row, measureOf),
    scope: parseScopeKey(row.scope),
    openedValue: Number(row.opened_value ?? row.value),
    value: Number(row.value),
    threshold: Number(row.threshold),
    volume: Number(row.volume),
    openedAt: iso(row.opened_at)!,
    lastCrossedAt: iso(row.last_crossed_at)!,
    evaluatedAt: iso(row.evaluated_at),
    resolvedAt: iso(row.resolved_at),
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    attempts: attempts.get(row.id) ?? [],
  }))
}

async function attemptsOf(sql: Sql, incidents: string[]): Promise<Map<string, AlertAttempt[]>> {
  const byIncident = new Map<string, AlertAttempt[]>()
  if (!incidents.length) return byIncident
  const rows = await sql.query<{
    incident_id: string
    at: Date
    name: string | null
    kind: AlertAttempt['kind']
    ok: boolean
    status: number | null
    answer: string
  }>(
    `select a.incident_id, a.at, c.name, o.kind, a.ok, a.status, a.answer from alert_attempts a
     join alert_outbox o on o.id = a.outbox_id left join alert_channels c on c.id = a.channel_id
     where a.incident_id = any($1::uuid[]) order by a.at`,
    [incidents],
  )
  for (const row of rows) {
    const list = byIncident.get(row.incident_id) ?? []
    list.push({
      at: iso(row.at)!,
      channel: row.name ?? 'a deleted channel',
      kind: row.kind,
      ok: row.ok,
      status: row.status,
      answer: row.answer,
    })
    byIncident.set(row.incident_id, list)
  }
  return byIncident
}

/** Marks an open incident acknowledged; its scope, or undefined when there is no such open incident. */
export async function acknowledge(sql: Sql, id: string, by: string) {
  const rows = await sql.query<{ scope: string; rule_id: string }>(
    `update alert_incidents set acknowledged_at = now(), acknowledged_by = $2
     where id = $1 and resolved_at is null returning scope, rule_id`,
    [id, by],
  )
  return rows[0]
}

export async function readMutes(sql: Sql): Promise<AlertMute[]> {
  const rows = await sql.query<{ rule_id: string; scope: string; until: Date; muted_by: string }>(
    'select * from alert_mutes where until > now() order by until',
  )
  return rows.map((row) => ({
    ruleId: row.rule_id,
    scope: parseScopeKey(row.scope),
    until: iso(row.until)!,
    by: row.muted_by,
  }))
}

export async function mute(sql: Sql, ruleId: string, scope: string, until: string, by: string) {
  await sql.query(
    `insert into alert_mutes (rule_id, scope, until, muted_by) values ($1, $2, $3, $4)
     on conflict (rule_id, scope) do update set until = excluded.until, muted_by = excluded.muted_by`,
    [ruleId, scope, until, by],
  )
}

export async function unmute(sql: Sql, ruleId: string, scope: string): Promise<boolean> {
  const rows = await sql.query('delete from alert_mutes where rule_id = $1 and scope = $2 returning rule_id', [
    ruleId,
    scope,
  ])
  return rows.length > 0
}
