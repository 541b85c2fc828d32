/**
 * The alerts (/api/alerts/*): everyone signed in sees the incidents, rules, channels (masked) and mutes; admins change
 * rules and channels, acknowledge incidents and mute a rule for a scope. Every change is journalled before it is made.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import {
  alertChannelProblem,
  parseScopeKey,
  type AlertChannelInput,
  type AlertsView,
} from '../../src/shared/alert-api.ts'
import { alertRuleProblem, type AlertRule } from '../../src/shared/alerts.ts'
import { isStorableText } from '../../src/shared/stored-text.ts'
import type { ChangeSubject } from '../../src/shared/activity.ts'
import { MESSAGES } from '../../src/shared/messages.ts'
import {
  channelDestinationProblem,
  deleteChannel,
  maskedChannel,
  readChannels,
  saveChannel,
} from '../alerts/channels.ts'
import type { Mailer } from '../alerts/mailer.ts'
import { deleteAlertRule, readAlertRules, saveAlertRule } from '../alerts/rules.ts'
import { acknowledge, mute, readIncidents, readMutes, unmute } from '../alerts/store.ts'
import type { Alerts } from '../alerts/watch.ts'
import { refuseCrossSite, requireAdmin, requireUser } from '../guards.ts'
import type { Journal } from '../journal.ts'
import { refuse } from '../replies.ts'
import type { Store } from '../store/store.ts'

interface AlertsPluginOptions {
  store: Store
  journal: Journal
  alerts: Alerts
  mailer: Mailer
  /** ALERT_DESTINATION_HOSTS */
  listed: readonly string[]
}

const ID = { type: 'string', minLength: 1, maxLength: 100 } as const
const ID_PARAMS = { type: 'object', properties: { id: ID }, required: ['id'] } as const
const UUID_PARAMS = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
  },
  required: ['id'],
} as const
const FILTER_QUERY = {
  type: 'object',
  properties: { pool: { type: 'string', maxLength: 100 }, ip: { type: 'string', maxLength: 64 } },
} as const
const ANY_BODY = { type: 'object' } as const
const MUTE_BODY = {
  type: 'object',
  properties: { ruleId: ID, scope: { type: 'string', minLength: 4, maxLength: 200 }, until: { type: 'string' } },
  required: ['ruleId', 'scope'],
} as const

/** What is wrong with a mute's rule and scope as sent, in words; null when nothing is. */
function muteProblem(ruleId: string, scope: string): string | null {
  if (!/^(pool|ip):./.test(scope)) return 'scope must name a pool ("pool:…") or an IP ("ip:…").'
  if (!isStorableText(scope) || !isStorableText(ruleId))
    return 'scope and ruleId must not hold a NUL or half a character.'
  return null
}

/** The longest a rule may be muted for: past that, switch it off. */
const MUTE_AT_MOST_DAYS = 90

/** The pool or IP an alert change is about, in the journal's own columns (so a pool's activity shows it). */
const subjectOf = (scope: string): Pick<ChangeSubject, 'pool' | 'ip'> => {
  const { by, name } = parseScopeKey(scope)
  return by === 'ip' ? { ip: name } : { pool: name }
}

export const alertsPlugin: FastifyPluginAsync<AlertsPluginOptions> = async (plugin, options) => {
  const { store, journal, alerts, mailer, listed } = options
  const app = plugin.withTypeProvider<JsonSchemaToTsProvider>()
  // Evaluation and sending end before the store closes (a plugin's onClose runs before the root's).
  app.addHook('onClose', () => alerts.stop())
  app.addHook('onRequest', requireUser)

  app.get('/alerts', { schema: { querystring: FILTER_QUERY } }, async (request, reply) => {
    const { pool, ip } = request.query
    const rules = await readAlertRules(store)
    const measureOf = (id: string) => rules.find((rule) => rule.id === id)?.measure
    const filter = { ...(pool ? { pool } : {}), ...(ip ? { ip } : {}) }
    const view: AlertsView = {
      evaluatedAt: alerts.evaluatedAt(),
      evaluateEverySeconds: alerts.everySeconds,
      open: await readIncidents(store, measureOf, filter),
      history: await readIncidents(store, measureOf, { ...filter, resolved: true, limit: 50 }),
      rules,
      channels: (await readChannels(store)).map(maskedChannel),
      mutes: await readMutes(store),
      email: await mailer.allowed(),
    }
    return reply.send(view)
  })

  await app.register(async (scope) => {
    const admin = scope.withTypeProvider<JsonSchemaToTsProvider>()
    admin.addHook('onRequest', requireAdmin(MESSAGES.alertsAdminsOnly))
    admin.addHook('onRequest', refuseCrossSite)
    const who = (request: FastifyRequest) => request.who.user ?? 'local'
    /** Journals the change, makes it, completes the entry: a change that is not in the journal cannot happen. */
    async function journalled<T>(request: FastifyRequest, change: ChangeSubject, make: () => Promise<T>) {
      const entry = await journal.begin(who(request), change)
      const made = await make()
      await journal.complete(entry.id, { status: 204, ok: true })
      request.log.info({ msg: 'alert change', ...entry })
      alerts.nudge()
      return made
    }

    async function putRule(request: FastifyRequest, id: string, body: unknown) {
      const rule = { ...(body as AlertRule), id, enabled: (body as Partial<AlertRule>).enabled !== false }
      await journalled(request, { action: 'alert-rule', rule: id }, () => saveAlertRule(store, rule, who(request)))
      return (await readAlertRules(store)).find((one) => one.id === id)
    }
    admin.post('/alerts/rules', { schema: { body: ANY_BODY } }, async (request, reply) => {
      const problem = alertRuleProblem(request.body)
      if (problem) return refuse(reply, 400, problem)
      return reply.code(201).send(await putRule(request, `rule-${randomUUID().slice(0, 8)}`, request.body))
    })
    admin.put('/alerts/rules/:id', { schema: { params: ID_PARAMS, body: ANY_BODY } }, async (request, reply) => {
      const problem = alertRuleProblem(request.body)
      if (problem) return refuse(reply, 400, problem)
      const { id } = request.params
      if (!(await readAlertRules(store)).some((rule) => rule.id === id))
        return refuse(reply, 404, 'There is no such rule.')
      return reply.send(await putRule(request, id, request.body))
    })
    admin.delete('/alerts/rules/:id', { schema: { params: ID_PARAMS } }, async (request, reply) => {
      const { id } = request.params
      const known = (await readAlertRules(store)).find((rule) => rule.id === id)
      if (!known) return refuse(reply, 404, 'There is no such rule.')
      if (known.isDefault) return refuse(reply, 409, 'A rule the dashboard comes with is switched off, not deleted.')
      await journalled(request, { action: 'alert-rule-delete', rule: id }, () => deleteAlertRule(store, id))
      return reply.code(204).send()
    })

    admin.post('/alerts/incidents/:id/acknowledge', { schema: { params: UUID_PARAMS } }, async (request, reply) => {
      const { id } = request.params
      const [open] = await readIncidents(store, () => undefined, { id })
      if (!open || open.resolvedAt) return refuse(reply, 404, 'That incident is not open.')
      const { by, name } = open.scope
      const change: ChangeSubject = { action: 'alert-acknowledge', incident: id, rule: open.ruleId }
      await journalled(request, { ...change, ...(by === 'ip' ? { ip: name } : { pool: name }) }, () =>
        acknowledge(store, id, who(request)),
      )
      return reply.code(204).send()
    })

    admin.put('/alerts/mutes', { schema: { body: MUTE_BODY } }, async (request, reply) => {
      const { ruleId, scope, until } = request.body
      const at = Date.parse(until ?? '')
      if (!(at > Date.now()) || at > Date.now() + MUTE_AT_MOST_DAYS * 86_400_000)
        return refuse(reply, 400, `until must be a time in the next ${MUTE_AT_MOST_DAYS} days.`)
      const problem = muteProblem(ruleId, scope)
      if (problem) return refuse(reply, 400, problem)
      const until_ = new Date(at).toISOString()
      const change: ChangeSubject = { action: 'alert-mute', rule: ruleId, until: until_, ...subjectOf(scope) }
      await journalled(request, change, () => mute(store, ruleId, scope, until_, who(request)))
      return reply.code(204).send()
    })
    admin.delete('/alerts/mutes', { schema: { body: MUTE_BODY } }, async (request, reply) => {
      const { ruleId, scope } = request.body
      const problem = muteProblem(ruleId, scope)
      if (problem) return refuse(reply, 400, problem)
      const change: ChangeSubject = { action: 'alert-unmute', rule: ruleId, ...subjectOf(scope) }
      const done = await journalled(request, change, () => unmute(store, ruleId, scope))
      return done ? reply.code(204).send() : refuse(reply, 404, 'That rule is not muted there.')
    })

    const channelProblem = (input: unknown, change: boolean) =>
      alertChannelProblem(input, change) ?? channelDestinationProblem(input as AlertChannelInput, listed)
    admin.post('/alerts/channels', { schema: { body: ANY_BODY } }, async (request, reply) => {
      const problem = channelProblem(request.body, false)
      if (problem) return refuse(reply, 400, problem)
      const input = request.body as unknown as AlertChannelInput
      const saved = await journalled(request, { action: 'alert-channel', channel: input.name }, () =>
        saveChannel(store, undefined, input, who(request)),
      )
      return reply.code(201).send(maskedChannel(saved!))
    })
    admin.put('/alerts/channels/:id', { schema: { params: UUID_PARAMS, body: ANY_BODY } }, async (request, reply) => {
      const problem = channelProblem(request.body, true)
      if (problem) return refuse(reply, 400, problem)
      const input = request.body as unknown as AlertChannelInput
      const known = (await readChannels(store)).find((channel) => channel.id === request.params.id)
      if (!known) return refuse(reply, 404, 'There is no such channel.')
      if (known.kind !== input.kind) return refuse(reply, 400, 'kind cannot change: add a new channel instead.')
      const saved = await journalled(request, { action: 'alert-channel', channel: input.name }, () =>
        saveChannel(store, request.params.id, input, who(request)),
      )
      return reply.send(maskedChannel(saved!))
    })
    admin.delete('/alerts/channels/:id', { schema: { params: UUID_PARAMS } }, async (request, reply) => {
      const known = (await readChannels(store)).find((channel) => channel.id === request.params.id)
      if (!known) return refuse(reply, 404, 'There is no such channel.')
      await journalled(request, { action: 'alert-channel-delete', channel: known.name }, () =>
        deleteChannel(store, known.id),
      )
      return reply.code(204).send()
    })
    admin.post('/alerts/channels/:id/test', { schema: { params: UUID_PARAMS } }, async (request, reply) => {
      const known = (await readChannels(store)).find((channel) => channel.id === request.params.id)
      if (!known) return refuse(reply, 404, 'There is no such channel.')
      const { ok, status, answer } = await alerts.test(known)
      request.log.info({ msg: 'alert channel tested', channel: known.name, ok, status })
      return reply.send({ ok, status, answer })
    })
  })
}
