/**
 * SendGrid's Event Webhook (/webhooks/sendgrid/events): public, so verified instead of signed in. The raw bytes are
 * checked against the Signed Event Webhook's signature before anything parses them. A batch is kept before it is
 * answered and counted in the background (batch-queue.ts): whole or not at all, each event once.
 */
import type { FastifyPluginAsync } from 'fastify'
import type { BatchQueue } from '../delivery/batch-queue.ts'
import { readEvent, type DoorRules, type ReadEvent } from '../delivery/events.ts'
import type { WebhookKeys } from '../delivery/webhook-key.ts'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureProblem } from '../delivery/signature.ts'
import { refuse } from '../replies.ts'

/** SendGrid flushes a batch at 768 KB; this leaves room and still bounds what one request can make us read. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024
/** More events than this in one batch is not SendGrid's doing. */
export const MAX_BATCH_EVENTS = 20_000
/** Batches read at once: SendGrid posts a few at a time per sending server, and retries what is refused. */
export const MAX_BODIES_AT_ONCE = 16
const RETRY_AFTER_SECONDS = 10

const SAID = {
  missing: 'The batch is not signed: turn on the Signed Event Webhook.',
  stale: 'The signature is more than five minutes from now.',
  bad: 'The signature does not match the batch.',
} as const

interface WebhooksOptions {
  queue: BatchQueue
  /** The Signed Event Webhook's public key; without one, nothing is counted. */
  keys: WebhookKeys
  /** How many days of figures are kept: an event older than that is not taken. */
  retentionDays: number
}

export const deliveryWebhookPlugin: FastifyPluginAsync<WebhooksOptions> = async (
  app,
  { queue, keys, retentionDays },
) => {
  // A body is read whole before its signature can be checked: only so many at once, whoever sends them.
  let reading = 0
  const done = new WeakSet<object>()
  const finished = async (request: { raw: object }) => {
    if (done.has(request.raw)) return
    done.add(request.raw)
    reading -= 1
  }
  app.addHook('onRequest', async (request, reply) => {
    if (reading >= MAX_BODIES_AT_ONCE) {
      done.add(request.raw) // never counted in
      reply.header('retry-after', String(RETRY_AFTER_SECONDS))
      return refuse(reply, 503, 'Too many batches are arriving at once; SendGrid sends this one again.')
    }
    reading += 1
  })
  app.addHook('onResponse', finished)
  app.addHook('onRequestAbort', finished)

  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BATCH_BYTES }, (_request, body, done) =>
    done(null, body),
  )

  app.post('/sendgrid/events', async (request, reply) => {
    const publicKey = await keys.current()
    if (!publicKey) {
      return refuse(
        reply,
        503,
        "The Event Webhook is not connected: connect it from a pool's Delivery panel, or set SENDGRID_WEBHOOK_PUBLIC_KEY.",
      )
    }
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    const header = (name: string) => {
      const value = request.headers[name]
      return typeof value === 'string' ? value : undefined
    }
    const problem = signatureProblem(publicKey, header(SIGNATURE_HEADER), header(TIMESTAMP_HEADER), body)
    if (problem) {
      request.log.warn({ msg: 'webhook refused', reason: problem })
      return refuse(reply, 401, SAID[problem])
    }
    const batch = readBatch(body, { nowSeconds: Date.now() / 1000, retentionDays })
    // Kept (or, refused, noted as arrived: the admin watching for SendGrid's test event wants to know it came).
    await queue.keep('events' in batch ? batch.events : [])
    if ('refused' in batch) return refuse(reply, ...batch.refused)
    const { events, skipped, reasons } = batch
    request.log.info({ msg: 'webhook batch', accepted: events.length, skipped })
    // 202: kept, and counted in a moment, each event once (one sent before is accepted but not counted again).
    return reply.code(202).send({ accepted: events.length, skipped, reasons })
  })
}

type Batch =
  { events: ReadEvent[]; skipped: number; reasons: Record<string, number> } | { refused: [400 | 413, string] }

/** A batch's events that can be counted, and why the others cannot; or why it is no batch at all. */
function readBatch(body: Buffer, rules: DoorRules): Batch {
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    return { refused: [400, 'The batch is not JSON.'] }
  }
  if (!Array.isArray(parsed)) return { refused: [400, 'The batch must be a JSON array of events.'] }
  if (parsed.length > MAX_BATCH_EVENTS)
    return { refused: [413, `A batch may hold at most ${MAX_BATCH_EVENTS} events.`] }
  const events: ReadEvent[] = []
  const reasons: Record<string, number> = {}
  for (const raw of parsed) {
    const event = readEvent(raw, rules)
    if ('skipped' in event) reasons[event.skipped] = (reasons[event.skipped] ?? 0) + 1
    else events.push(event)
  }
  return { events, skipped: parsed.length - events.length, reasons }
}
