/**
 * Alert rules read against delivery counts (readingsOf), and what one evaluation does to the incidents (evaluate), as
 * pure steps the server and the demo share. In an evaluation a rule that crosses for a scope opens
 * one incident for that rule and scope, updated while it lasts; one that has stayed under its threshold for the quiet
 * time is resolved; one still open is notified again after the reminder time. What to send is returned beside the
 * incidents, for the outbox: the caller stores both in one transaction.
 */
import { crosses, measureOf, type AlertRule, type Measure } from './alerts.ts'
import type { Provider, Totals } from './delivery.ts'

/** One rule's reading for one scope at an evaluation: the figure, and whether it crossed. */
export interface Reading {
  ruleId: string
  /** What the rule measures: kept with the incident, which outlives a rule deleted meanwhile. */
  measure: Measure
  /** The pool or IP (and provider) the figure is of, as one key: "pool:marketing", "ip:192.0.2.10@microsoft". */
  scope: string
  value: number
  threshold: number
  /** Messages the figure is of. */
  volume: number
  crossed: boolean
}

export interface Incident {
  ruleId: string
  measure: Measure
  scope: string
  openedAt: number
  /** The last evaluation that found it crossing, and the figure then. */
  lastCrossedAt: number
  value: number
  /** The figure when it opened. */
  openedValue: number
  volume: number
  threshold: number
  /** When it was last sent to the channels (opened or reminded). */
  notifiedAt: number
  resolvedAt: number | null
}

export type Notification = { kind: 'opened' | 'reminder' | 'resolved'; incident: Incident }

export interface IncidentTimes {
  /** How long an incident stays under its threshold before it is resolved (default 1 hour). */
  quietMs: number
  /** How long an open incident waits before it is notified again (default 24 hours). */
  remindMs: number
}

export const DEFAULT_INCIDENT_TIMES: IncidentTimes = { quietMs: 60 * 60 * 1000, remindMs: 24 * 60 * 60 * 1000 }

/** Each rule's times: its own where it sets them, else `base` (the defaults, or what a test shortens them to). */
export function timesOfRules(
  rules: readonly Pick<AlertRule, 'id' | 'quietMinutes' | 'remindHours'>[],
  base: IncidentTimes = DEFAULT_INCIDENT_TIMES,
): (ruleId: string) => IncidentTimes {
  const byId = new Map(rules.map((rule) => [rule.id, rule]))
  return (ruleId) => {
    const rule = byId.get(ruleId)
    return {
      quietMs: rule?.quietMinutes ? rule.quietMinutes * 60_000 : base.quietMs,
      remindMs: rule?.remindHours ? rule.remindHours * 3_600_000 : base.remindMs,
    }
  }
}

const keyOf = (of: { ruleId: string; scope: string }) => `${of.ruleId}|${of.scope}`

/**
 * The open incidents after an evaluation at `now`, and what to notify. Muted rule-scopes (until a time) open nothing
 * and remind of nothing; a rule that is switched off or gone has no readings, so its incidents resolve once quiet.
 */
export function evaluate(
  open: readonly Incident[],
  readings: readonly Reading[],
  now: number,
  times: IncidentTimes | ((ruleId: string) => IncidentTimes) = DEFAULT_INCIDENT_TIMES,
  mutedUntil: ReadonlyMap<string, number> = new Map(),
): { incidents: Incident[]; resolved: Incident[]; notifications: Notification[] } {
  const byKey = new Map(open.map((incident) => [keyOf(incident), incident]))
  const notifications: Notification[] = []
  const muted = (key: string) => (mutedUntil.get(key) ?? 0) > now
  for (const reading of readings) {
    if (!reading.crossed) continue
    const key = keyOf(reading)
    const known = byKey.get(key)
    if (known) {
      byKey.set(key, {
        ...known,
        lastCrossedAt: now,
        value: reading.value,
        volume: reading.volume,
        threshold: reading.threshold,
      })
      continue
    }
    if (muted(key)) continue
    const incident: Incident = {
      ruleId: reading.ruleId,
      measure: reading.measure,
      scope: reading.scope,
      openedAt: now,
      lastCrossedAt: now,
      value: reading.value,
      openedValue: reading.value,
      volume: reading.volume,
      threshold: reading.threshold,
      notifiedAt: now,
      resolvedAt: null,
    }
    byKey.set(key, incident)
    notifications.push({ kind: 'opened', incident })
  }
  const incidents: Incident[] = []
  const resolved: Incident[] = []
  for (const [key, incident] of byKey) {
    const { quietMs, remindMs } = typeof times === 'function' ? times(incident.ruleId) : times
    if (now - incident.lastCrossedAt >= quietMs) {
      const done = { ...incident, resolvedAt: now }
      resolved.push(done)
      if (!muted(key)) notifications.push({ kind: 'resolved', incident: done })
      continue
    }
    if (now - incident.notifiedAt >= remindMs && !muted(key)) {
      const reminded = { ...incident, notifiedAt: now }
      incidents.push(reminded)
      notifications.push({ kind: 'reminder', incident: reminded })
      continue
    }
    incidents.push(incident)
  }
  return { incidents, resolved, notifications }
}

/** One pool's or IP's counts over a window, overall and by mailbox provider. */
export type WindowCounts = Map<string, { totals: Totals; providers: Map<Provider, Totals> }>

/** The windows the enabled rules read: each kind of scope and number of hours once, however many rules share it. */
export function windowsOf(rules: readonly AlertRule[]): { by: 'pool' | 'ip'; hours: number }[] {
  const needed = new Map<string, { by: 'pool' | 'ip'; hours: number }>()
  for (const rule of rules) {
    if (!rule.enabled) continue
    const by = rule.scope.kind === 'pool' || rule.scope.kind === 'every-pool' ? 'pool' : 'ip'
    needed.set(`${by}|${rule.windowHours}`, { by, hours: rule.windowHours })
  }
  return [...needed.values()]
}

/**
 * Each enabled rule read against the counts: one reading per pool or IP in its scope (and provider, where the rule
 * names one) that sent anything in the rule's window. `counted(by, hours)` is one of the windows windowsOf named.
 */
export function readingsOf(
  rules: readonly AlertRule[],
  counted: (by: 'pool' | 'ip', hours: number) => WindowCounts,
): Reading[] {
  const readings: Reading[] = []
  for (const rule of rules) {
    if (!rule.enabled) continue
    const { scope } = rule
    const by = scope.kind === 'pool' || scope.kind === 'every-pool' ? 'pool' : 'ip'
    const window = counted(by, rule.windowHours)
    // Mail that named no pool is counted under '': it is no pool's to alert on.
    const keys = 'name' in scope ? [scope.name] : [...window.keys()].filter((key) => key !== '')
    for (const key of keys) {
      const figures = window.get(key)
      const totals = scope.provider ? figures?.providers.get(scope.provider) : figures?.totals
      if (!totals) continue
      const { value, volume } = measureOf(rule.measure, totals)
      if (value === null) continue
      readings.push({
        ruleId: rule.id,
        measure: rule.measure,
        scope: `${by}:${key}${scope.provider ? `@${scope.provider}` : ''}`,
        value,
        threshold: rule.threshold,
        volume,
        crossed: crosses(rule, totals),
      })
    }
  }
  return readings
}
