/**
 * Alerting as the dashboard's server does it, for the demo: the same rules, read against the demo's own figures with
 * the same pure steps (src/shared/alert-incidents.ts), evaluated whenever the alerts are read. Nothing is sent: a
 * channel's test says so.
 */
import type { ChangeSubject } from '../shared/activity'
import {
  alertChannelProblem,
  parseScopeKey,
  scopeKey,
  type AlertChannel,
  type AlertChannelInput,
  type AlertIncident,
  type AlertsView,
} from '../shared/alert-api'
import { destinationProblem } from '../shared/alert-destinations'
import { evaluate, readingsOf, timesOfRules, windowsOf, type WindowCounts } from '../shared/alert-incidents'
import { alertRuleProblem, DEFAULT_RULES, type AlertRule } from '../shared/alerts'
import { demoWindow } from './delivery'
import { fieldError, noContent, ok, type FakeResponse } from './responses'
import type { DemoAlerts, DemoState } from './state'

const EVALUATE_EVERY_SECONDS = 120
const HISTORY_KEPT = 50

const alertsOf = (state: DemoState): DemoAlerts =>
  (state.alerts ??= { rules: [], channels: [], mutes: [], incidents: [] })

function rulesOf(state: DemoState) {
  const kept = new Map(alertsOf(state).rules.map((rule) => [rule.id, rule]))
  const defaults = DEFAULT_RULES.map(({ source, ...rule }) => ({
    ...rule,
    ...kept.get(rule.id),
    source,
    isDefault: true,
  }))
  const added = [...kept.values()]
    .filter((rule) => !DEFAULT_RULES.some((one) => one.id === rule.id))
    .map((rule) => ({ ...rule, isDefault: false }))
  return [...defaults, ...added]
}

/** One evaluation at `now`, kept in the state: incidents opened, updated and resolved as the server does. */
function evaluateNow(state: DemoState, now: number) {
  const alerts = alertsOf(state)
  const rules = rulesOf(state)
  const windows = new Map<string, WindowCounts>()
  for (const { by, hours } of windowsOf(rules)) windows.set(`${by}|${hours}`, demoWindow(state, by, hours, now))
  const readings = readingsOf(rules, (by, hours) => windows.get(`${by}|${hours}`)!)
  const open = alerts.incidents.filter((incident) => incident.resolvedAt === null)
  const muted = new Map(alerts.mutes.map((mute) => [`${mute.ruleId}|${scopeKey(mute.scope)}`, Date.parse(mute.until)]))
  const step = evaluate(open, readings, now, timesOfRules(rules), muted)
  const ids = new Map(open.map((incident) => [`${incident.ruleId}|${incident.scope}`, incident]))
  const kept = [...step.incidents, ...step.resolved].map((incident) => {
    const known = ids.get(`${incident.ruleId}|${incident.scope}`)
    return { ...known, ...incident, id: known?.id ?? crypto.randomUUID() }
  })
  const resolvedBefore = alerts.incidents.filter((incident) => incident.resolvedAt !== null)
  alerts.incidents = [...kept, ...resolvedBefore].slice(0, HISTORY_KEPT + kept.length)
  alerts.evaluatedAt = new Date(now).toISOString()
}

function viewOf(state: DemoState, filter: { pool?: string; ip?: string }): AlertsView {
  const alerts = alertsOf(state)
  const rules = rulesOf(state)
  const iso = (ms: number) => new Date(ms).toISOString()
  const about = ({ scope }: AlertIncident) =>
    (!filter.pool || (scope.by === 'pool' && scope.name === filter.pool)) &&
    (!filter.ip || (scope.by === 'ip' && scope.name === filter.ip))
  const shown = alerts.incidents
    .map((incident): AlertIncident => ({
      id: incident.id,
      ruleId: incident.ruleId,
      measure: incident.measure,
      scope: parseScopeKey(incident.scope),
      openedValue: incident.openedValue,
      value: incident.value,
      threshold: incident.threshold,
      volume: incident.volume,
      openedAt: iso(incident.openedAt),
      lastCrossedAt: iso(incident.lastCrossedAt),
      evaluatedAt: alerts.evaluatedAt ?? null,
      resolvedAt: incident.resolvedAt === null ? null : iso(incident.resolvedAt),
      acknowledgedAt: incident.acknowledgedAt ?? null,
      acknowledgedBy: incident.acknowledgedBy ?? null,
      attempts: [],
    }))
    .filter(about)
  return {
    evaluatedAt: alerts.evaluatedAt ?? null,
    evaluateEverySeconds: EVALUATE_EVERY_SECONDS,
    open: shown.filter((incident) => incident.resolvedAt === null),
    history: shown.filter((incident) => incident.resolvedAt !== null),
    rules,
    channels: alerts.channels,
    mutes: alerts.mutes.filter((mute) => Date.parse(mute.until) > Date.now()),
    email: { allowed: false, reason: 'The demo sends no email: connect a server whose key has mail.send.' },
  }
}

type Change = (update: (state: DemoState) => FakeResponse) => FakeResponse
type Record = (change: ChangeSubject) => void

/** A change journalled as the server journals it, once made. */
const journalled = (record: Record, subject: ChangeSubject, response: FakeResponse) => {
  if (response.status < 300) record(subject)
  return response
}

export const alertAnswers = (read: () => DemoState, change: Change, record: Record) => ({
  alerts: (filter: { pool?: string; ip?: string }): FakeResponse =>
    change((state) => {
      evaluateNow(state, Date.now())
      return ok(viewOf(state, filter))
    }),
  saveRule: (id: string | undefined, body: unknown): FakeResponse => {
    const problem = alertRuleProblem(body)
    if (problem) return fieldError(400, null, problem)
    const ruleId = id ?? `rule-${crypto.randomUUID().slice(0, 8)}`
    if (id && !rulesOf(read()).some((rule) => rule.id === id)) return fieldError(404, null, 'There is no such rule.')
    const given = body as Partial<AlertRule>
    const rule = { ...(given as AlertRule), enabled: given.enabled !== false, id: ruleId }
    const response = change((state) => {
      const alerts = alertsOf(state)
      alerts.rules = [...alerts.rules.filter((one) => one.id !== ruleId), rule]
      return ok(
        rulesOf(state).find((one) => one.id === ruleId),
        id ? 200 : 201,
      )
    })
    return journalled(record, { action: 'alert-rule', rule: ruleId }, response)
  },
  deleteRule: (id: string): FakeResponse => {
    if (DEFAULT_RULES.some((rule) => rule.id === id))
      return fieldError(409, null, 'A rule the dashboard comes with is switched off, not deleted.')
    const response = change((state) => {
      const alerts = alertsOf(state)
      if (!alerts.rules.some((rule) => rule.id === id)) return fieldError(404, null, 'There is no such rule.')
      alerts.rules = alerts.rules.filter((rule) => rule.id !== id)
      return noContent
    })
    return journalled(record, { action: 'alert-rule-delete', rule: id }, response)
  },
  acknowledge: (id: string): FakeResponse => {
    const incident = alertsOf(read()).incidents.find((one) => one.id === id && one.resolvedAt === null)
    if (!incident) return fieldError(404, null, 'That incident is not open.')
    const { by, name } = parseScopeKey(incident.scope)
    const response = change((state) => {
      const open = alertsOf(state).incidents.find((one) => one.id === id)!
      open.acknowledgedAt = new Date().toISOString()
      open.acknowledgedBy = 'you (demo)'
      return noContent
    })
    const subject: ChangeSubject = { action: 'alert-acknowledge', incident: id, rule: incident.ruleId }
    return journalled(record, { ...subject, ...(by === 'ip' ? { ip: name } : { pool: name }) }, response)
  },
  mute: (body: { ruleId?: string; scope?: string; until?: string }): FakeResponse => {
    const at = Date.parse(body.until ?? '')
    if (!body.ruleId || !body.scope || !(at > Date.now())) return fieldError(400, null, 'until must be a time to come.')
    const scope = parseScopeKey(body.scope)
    const until = new Date(at).toISOString()
    const response = change((state) => {
      const alerts = alertsOf(state)
      const other = (mute: (typeof alerts.mutes)[number]) =>
        mute.ruleId !== body.ruleId || JSON.stringify(mute.scope) !== JSON.stringify(scope)
      alerts.mutes = [...alerts.mutes.filter(other), { ruleId: body.ruleId!, scope, until, by: 'you (demo)' }]
      return noContent
    })
    const where = scope.by === 'ip' ? { ip: scope.name } : { pool: scope.name }
    return journalled(record, { action: 'alert-mute', rule: body.ruleId, until, ...where }, response)
  },
  unmute: (body: { ruleId?: string; scope?: string }): FakeResponse => {
    const scope = parseScopeKey(body.scope ?? '')
    const same = (mute: { ruleId: string; scope: typeof scope }) =>
      mute.ruleId === body.ruleId && scopeKey(mute.scope) === scopeKey(scope)
    const response = change((state) => {
      const alerts = alertsOf(state)
      if (!alerts.mutes.some(same)) return fieldError(404, null, 'That rule is not muted there.')
      alerts.mutes = alerts.mutes.filter((mute) => !same(mute))
      return noContent
    })
    const where = scope.by === 'ip' ? { ip: scope.name } : { pool: scope.name }
    return journalled(record, { action: 'alert-unmute', rule: body.ruleId ?? '', ...where }, response)
  },
  saveChannel: (body: unknown): FakeResponse => {
    // As the server judges it, with no host listed as exempt.
    const problem = alertChannelProblem(body) ?? destinationProblem((body as AlertChannelInput).url ?? 'https://x', [])
    if (problem) return fieldError(400, null, problem)
    const input = body as AlertChannelInput
    const channel: AlertChannel = {
      id: crypto.randomUUID(),
      kind: input.kind,
      name: input.name.trim(),
      enabled: true,
      destination:
        input.kind === 'email'
          ? (input.to ?? []).join(', ')
          : input.kind === 'pagerduty'
            ? `events.pagerduty.com, key …${(input.routingKey ?? '').slice(-4)}`
            : `${new URL(input.url!).host}/…`,
    }
    const response = change((state) => {
      alertsOf(state).channels.push(channel)
      return ok(channel, 201)
    })
    return journalled(record, { action: 'alert-channel', channel: channel.name }, response)
  },
  deleteChannel: (id: string): FakeResponse => {
    const known = alertsOf(read()).channels.find((channel) => channel.id === id)
    if (!known) return fieldError(404, null, 'There is no such channel.')
    const response = change((state) => {
      const alerts = alertsOf(state)
      alerts.channels = alerts.channels.filter((channel) => channel.id !== id)
      return noContent
    })
    return journalled(record, { action: 'alert-channel-delete', channel: known.name }, response)
  },
  testChannel: (): FakeResponse =>
    ok({ ok: false, status: null, answer: 'The demo sends nothing: alerts are sent by the dashboard’s server.' }),
})
