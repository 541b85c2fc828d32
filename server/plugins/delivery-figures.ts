/**
 * The delivery figures and the Event Webhook's connect step (/api/delivery/*), for whoever is signed in: one pool's or
 * one IP's figures, every pool's or IP's totals, where SendGrid should post, and, for admins, which webhook's key the
 * server checks batches with.
 */
import type { FastifyPluginAsync } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import { refuseCrossSite, requireAdmin, requireUser } from '../guards.ts'
import { EVENTS_PATH, type WebhookStatus } from '../../src/shared/delivery.ts'
import { readStats, readSummaries } from '../delivery/counts.ts'
import { lastBatchAt } from '../delivery/last-batch.ts'
import { backlogOf } from '../delivery/batch-queue.ts'
import type { WebhookKeys } from '../delivery/webhook-key.ts'
import { fingerprintOf, publicKeyOf } from '../delivery/signature.ts'
import { MESSAGES } from '../../src/shared/messages.ts'
import type { Forwarder } from '../sendgrid-proxy.ts'
import { fillPath, routeById } from '../../src/shared/sendgrid-routes.ts'
import type { Journal } from '../journal.ts'
import type { Sql } from '../store/store.ts'
import { refuse, sendAnswer } from '../replies.ts'

export interface DeliveryFiguresOptions {
  journal: Journal
  store: Sql
  forwarder: Forwarder
  /** The Event Webhook's public key, read and kept. */
  keys: WebhookKeys
  /** Where the dashboard is served from, if configured (PUBLIC_URL); else the request's own origin. */
  publicUrl?: string
}

/** Each route's input, checked by Fastify before the handler (a 400 that names the field) and typed from here. */
const RANGE = { type: 'string', enum: ['24h', '7d', '30d'], default: '7d' } as const
const FIGURES_QUERY = {
  type: 'object',
  properties: { pool: { type: 'string', maxLength: 100 }, ip: { type: 'string', maxLength: 64 }, range: RANGE },
  required: ['range'],
} as const
const TOTALS_QUERY = {
  type: 'object',
  properties: { by: { type: 'string', enum: ['pool', 'ip'] }, range: RANGE },
  required: ['by', 'range'],
} as const
const CONNECT_BODY = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[\\w-]{1,100}$' } },
  required: ['id'],
} as const

export const deliveryFiguresPlugin: FastifyPluginAsync<DeliveryFiguresOptions> = async (
  plugin,
  { journal, store, forwarder, keys, publicUrl },
) => {
  const app = plugin.withTypeProvider<JsonSchemaToTsProvider>()
  app.addHook('onRequest', requireUser)

  // Delivery statistics, counted from SendGrid's Event Webhook: one pool's or one IP's, or every pool's or IP's totals.
  app.get('/delivery', { schema: { querystring: FIGURES_QUERY } }, async (request, reply) => {
    const { pool, ip, range } = request.query
    if ((pool === undefined) === (ip === undefined)) return refuse(reply, 400, 'Ask for one pool or one IP.')
    const stats = await readStats(store, pool !== undefined ? { pool } : { ip: ip! }, range)
    return reply.send(stats)
  })
  app.get('/delivery/totals', { schema: { querystring: TOTALS_QUERY } }, async (request, reply) => {
    const { by, range } = request.query
    return reply.send(await readSummaries(store, by, range))
  })

  // The Event Webhook: where SendGrid should post and whether the server can check it; an admin connects a webhook
  // by naming it, and the server reads that webhook's public key from SendGrid itself, never from the browser.
  app.get('/delivery/webhook', async (request, reply) => {
    const status: WebhookStatus = {
      url: new URL(EVENTS_PATH, publicUrl ?? `${request.protocol}://${request.host}`).href,
      ...(await keys.describe()),
      lastBatchAt: await lastBatchAt(store),
      backlog: await backlogOf(store),
    }
    return reply.send(status)
  })
  await app.register(async (scope) => {
    const admin = scope.withTypeProvider<JsonSchemaToTsProvider>()
    admin.addHook('onRequest', requireAdmin(MESSAGES.webhookAdminsOnly))
    admin.addHook('onRequest', refuseCrossSite)
    admin.put('/delivery/webhook', { schema: { body: CONNECT_BODY } }, async (request, reply) => {
      const { id } = request.body
      // Only the server's own key reads the public key: one a caller brings would let them plant their own
      // account's webhook and sign figures of their choosing.
      if (!forwarder.status().keyOnServer) return refuse(reply, 409, MESSAGES.webhookNeedsServerKey)
      const prepared = forwarder.prepare({
        method: 'GET',
        target: fillPath(routeById('getWebhookKey').path, { id }),
        headers: {},
      })
      if (!('call' in prepared)) return sendAnswer(reply, prepared)
      const answer = await forwarder.forward(prepared)
      if (answer.status !== 200) return sendAnswer(reply, answer)
      const publicKey = (JSON.parse(answer.body) as { public_key?: unknown }).public_key
      if (typeof publicKey !== 'string' || publicKey === '')
        return refuse(reply, 409, 'That webhook is not signed yet: turn on signing first.')
      let key
      try {
        key = publicKeyOf(publicKey)
      } catch {
        return refuse(reply, 502, 'SendGrid gave a public key that is not one.')
      }
      const user = request.who.user ?? 'local'
      const before = await keys.describe()
      // Journalled first, like every change: a key change that is not in the journal cannot happen.
      const entry = await journal.begin(user, {
        action: 'webhook-key',
        webhook: id,
        ...(before.fingerprint ? { oldKey: before.fingerprint } : {}),
        newKey: fingerprintOf(key),
      })
      await keys.save({ id, publicKey }, user)
      await journal.complete(entry.id, { status: 204, ok: true })
      request.log.info({ msg: 'event webhook connected', user: request.who.user, webhook: id, key: entry.newKey })
      return reply.code(204).send()
    })
  })
}
