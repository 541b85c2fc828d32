/**
 * What one evaluation of the alert rules does to the incidents, as a pure step: a rule that crosses for a scope opens
 * one incident for that rule and scope, updated while it lasts; one that has stayed under its threshold for the quiet
 * time is resolved; one still open is notified again after the reminder time. What to send is returned beside the
 * incidents, for the outbox: the caller stores both in one transaction.
 */

/** One rule's reading for one scope at an evaluation: the figure, and whether it crossed. */
export interface Reading {
  ruleId: string
  /** The pool or IP (and provider) the figure is of, as one key: "pool:marketing", "ip:192.0.2.10@microsoft". */
  scope: string
  value: number
  threshold: number
  crossed: boolean
}

export interface Incident {
  ruleId: string
  scope: string
  openedAt: number
  /** The last evaluation that found it crossing, and the figure then. */
  lastCrossedAt: number
  value: number
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

const keyOf = (of: { ruleId: string; scope: string }) => `${of.ruleId}|${of.scope}`

/**
 * The open incidents after an evaluation at `now`, and what to notify. Muted rule-scopes (until a time) open nothing
 * and remind of nothing; a rule that is switched off or gone has no readings, so its incidents resolve once quiet.
 */
export function evaluate(
  open: readonly Incident[],
  readings: readonly Reading[],
  now: number,
  { quietMs, remindMs }: IncidentTimes = DEFAULT_INCIDENT_TIMES,
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
      byKey.set(key, { ...known, lastCrossedAt: now, value: reading.value, threshold: reading.threshold })
      continue
    }
    if (muted(key)) continue
    const incident: Incident = {
      ruleId: reading.ruleId,
      scope: reading.scope,
      openedAt: now,
      lastCrossedAt: now,
      value: reading.value,
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
