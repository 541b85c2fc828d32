/**
 * Delivery, counted from SendGrid's Event Webhook, as one room: this plugin owns the webhook endpoint
 * (delivery-webhook.ts), the figures and the connect step (delivery-figures.ts), the queue that counts kept batches
 * and the timer that forgets figures past their retention. They start with the plugin and stop with it: the count
 * under way ends before the server's store closes.
 */
import type { KeyObject } from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import { startBatchQueue } from '../delivery/batch-queue.ts'
import { forgetOld } from '../delivery/counts.ts'
import { webhookKeys } from '../delivery/webhook-key.ts'
import type { Journal } from '../journal.ts'
import type { Forwarder } from '../sendgrid-proxy.ts'
import type { Store } from '../store/store.ts'
import { deliveryFiguresPlugin } from './delivery-figures.ts'
import { deliveryWebhookPlugin } from './delivery-webhook.ts'

/** How often figures past their retention are forgotten. */
const FORGET_EVERY_MS = 60 * 60 * 1000

interface DeliveryOptions {
  store: Store
  journal: Journal
  forwarder: Forwarder
  /** SENDGRID_WEBHOOK_PUBLIC_KEY, if set: it checks batches whatever is connected from the dashboard. */
  publicKey?: KeyObject
  /** Days of figures kept: an older event is not taken, and older counts are forgotten. */
  retentionDays: number
  /** Where the dashboard is served from, if configured (PUBLIC_URL). */
  publicUrl?: string
  /** Told after batches were counted (alerting evaluates its rules soon after). */
  onCounted?: () => void
}

export const deliveryPlugin: FastifyPluginAsync<DeliveryOptions> = async (app, options) => {
  const { store, journal, forwarder, publicKey, retentionDays, publicUrl, onCounted } = options
  const keys = webhookKeys(store, { fromEnvironment: publicKey, accountKeyOnServer: forwarder.status().keyOnServer })
  const queue = startBatchQueue(
    store,
    (err) => app.log.warn({ msg: 'webhook batches not counted yet', err }),
    onCounted,
  )
  const forget = () =>
    forgetOld(store, retentionDays).catch((err: unknown) =>
      app.log.warn({ msg: 'old delivery counts not deleted', err }),
    )
  const forgetting = setInterval(forget, FORGET_EVERY_MS).unref()
  app.addHook('onClose', async () => {
    clearInterval(forgetting)
    await queue.stop()
  })

  await app.register(deliveryWebhookPlugin, { prefix: '/webhooks', queue, keys, retentionDays })
  await app.register(deliveryFiguresPlugin, {
    prefix: '/api',
    store,
    journal,
    forwarder,
    keys,
    ...(publicUrl ? { publicUrl } : {}),
  })
}
