/**
 * SendGrid's Event Webhook (/webhooks/sendgrid/events): public, so verified instead of signed in. The raw bytes are
 * checked against the Signed Event Webhook's signature before anything parses them. A batch is kept before it is
 * answered and counted in the background (batch-queue.ts): whole or not at all, each event once.
 */
import type { FastifyPluginAsync } from 'fastify'
import type { BatchQueue } from '../delivery/batch-queue.ts'
import { readEvent, type ReadEvent } from '../delivery/events.ts'
import type { WebhookKeys } from '../delivery/webhook-key.ts'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureProblem } from '../delivery/signature.ts'
import { refuse } from '../replies.ts'

/** SendGrid flushes a batch at 768 KB; this leaves room and still bounds what one request can make us read. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024
/** More events than this in one batch is not SendGrid's doing. */
export const MAX_BATCH_EVENTS = 20_000

const SAID = {
  missing: 'The batch is not signed: turn on the Signed Event Webhook.',
  stale: 'The signature is more than five minutes from now.',
  bad: 'The signature does not match the batch.',
} as const

interface WebhooksOptions {
  queue: BatchQueue
  /** The Signed Event Webhook's public key; without one, nothing is counted. */
  keys: WebhookKeys
}

export const webhooksPlugin: FastifyPluginAsync<WebhooksOptions> = async (app, { queue, keys }) => {
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
    const batch = readBatch(body)
    // Kept (or, refused, noted as arrived: the admin watching for SendGrid's test event wants to know it came).
    await queue.keep('events' in batch ? batch.events : [])
    if ('refused' in batch) return refuse(reply, ...batch.refused)
    const { events, skipped, reasons } = batch
    request.log.info({ msg: 'webhook batch', accepted: events.length, skipped })
    // 202: kept, and counted in a moment, each event once (one sent before is accepted but not counted again).
    return reply.code(202).header('cache-control', 'no-store').send({ accepted: events.length, skipped, reasons })
  })
}

type Batch =
  { events: ReadEvent[]; skipped: number; reasons: Record<string, number> } | { refused: [400 | 413, string] }

/** A batch's events that can be counted, and why the others cannot; or why it is no batch at all. */
function readBatch(body: Buffer): Batch {
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
    const event = readEvent(raw)
    if ('skipped' in event) reasons[event.skipped] = (reasons[event.skipped] ?? 0) + 1
    else events.push(event)
  }
  return { events, skipped: parsed.length - events.length, reasons }
}
