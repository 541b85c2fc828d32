/**
 * Incidents and their notifications in the store. One evaluation is one transaction under a lock every server takes:
 * the incidents it changes and the notifications it queues in the outbox are kept together or not at all, so a crash
 * between opening an incident and sending loses nothing, and two servers on one database never open one twice.
 */
import { randomUUID } from 'node:crypto'
import type { Sql, Store } from '../store/store.ts'
import { evaluate, type Incident, type IncidentTimes, type Notification, type Reading } from './incidents.ts'

/** Any number, the same in every server: the key of the advisory lock evaluations run under. */
const EVALUATION_LOCK = 7_041_977

interface IncidentRow {
  id: string
  rule_id: string
  scope: string
  opened_at: Date
  last_crossed_at: Date
  value: number
  threshold: number
  notified_at: Date
}

const incidentOf = (row: IncidentRow): Incident => ({
  ruleId: row.rule_id,
  scope: row.scope,
  openedAt: new Date(row.opened_at).getTime(),
  lastCrossedAt: new Date(row.last_crossed_at).getTime(),
  value: Number(row.value),
  threshold: Number(row.threshold),
  notifiedAt: new Date(row.notified_at).getTime(),
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

/** Applies one evaluation's readings at `now`: incidents written and notifications queued, in one transaction. */
export async function recordEvaluation(
  store: Store,
  readings: readonly Reading[],
  now: number,
  times?: IncidentTimes,
  mutedUntil?: ReadonlyMap<string, number>,
): Promise<Notification[]> {
  return store.transaction(async (sql) => {
    await sql.query('select pg_advisory_xact_lock($1)', [EVALUATION_LOCK])
    const open = await openIncidents(sql)
    const ids = new Map(open.map((incident) => [keyOf(incident), incident.id]))
    const step = evaluate(open, readings, now, times, mutedUntil)
    const at = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
    for (const incident of [...step.incidents, ...step.resolved]) {
      const id = ids.get(keyOf(incident)) ?? randomUUID()
      ids.set(keyOf(incident), id)
      await sql.query(
        `insert into alert_incidents (id, rule_id, scope, opened_at, last_crossed_at, value, threshold, notified_at,
           resolved_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (id) do update set last_crossed_at = excluded.last_crossed_at, value = excluded.value,
           threshold = excluded.threshold, notified_at = excluded.notified_at, resolved_at = excluded.resolved_at`,
        [
          id,
          incident.ruleId,
          incident.scope,
          at(incident.openedAt),
          at(incident.lastCrossedAt),
          incident.value,
          incident.threshold,
          at(incident.notifiedAt),
          at(incident.resolvedAt),
        ],
      )
    }
    for (const { kind, incident } of step.notifications)
      await sql.query('insert into alert_outbox (id, incident_id, kind) values ($1, $2, $3)', [
        randomUUID(),
        ids.get(keyOf(incident)),
        kind,
      ])
    return step.notifications
  })
}
