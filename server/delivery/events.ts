/**
 * SendGrid's Event Webhook events, read as counts: which kind of event, which sending IP, which mailbox provider, and
 * the message it belongs to. Nothing of the recipient's address is kept beyond its domain's provider.
 */
import type { Kind, Provider } from '../../src/shared/delivery.ts'
import { normalIp } from '../../src/shared/ip-address.ts'

/** Delivery events carry the sending IP; opens and clicks carry the reader's (or an image proxy's), never counted. */
const SENDING_IP_KINDS: ReadonlySet<Kind> = new Set(['delivered', 'deferred', 'bounce', 'blocked'])

const PROVIDER_DOMAINS: Record<Exclude<Provider, 'other'>, RegExp> = {
  gmail: /^(gmail\.com|googlemail\.com)$/,
  microsoft: /^(outlook\.[a-z.]+|hotmail\.[a-z.]+|live\.[a-z.]+|msn\.com|passport\.com)$/,
  yahoo: /^(yahoo\.[a-z.]+|ymail\.com|rocketmail\.com|aol\.com|aim\.com)$/,
  apple: /^(icloud\.com|me\.com|mac\.com)$/,
}

/** The mailbox provider of an address, by its domain; a company's own domain is "other". */
export function providerOf(email: unknown): Provider {
  if (typeof email !== 'string') return 'other'
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
  for (const [provider, pattern] of Object.entries(PROVIDER_DOMAINS)) {
    if (pattern.test(domain)) return provider as Provider
  }
  return 'other'
}

export interface ReadEvent {
  id: string
  kind: Kind
  /** The hour it happened in, ISO 8601. */
  hour: string
  /** The sending IP, where the event is a delivery event that names one; '' otherwise. */
  ip: string
  provider: Provider
  /** The Mail Send request it belongs to (its X-Message-Id), if it says. */
  message?: string
  /** The pool it was sent through, on processed events that name one. */
  pool?: string
}

/** SendGrid's ids run to 100 characters, "at times more"; longer than these is not SendGrid's doing. */
const MAX_ID = 200
const MAX_MESSAGE_ID = 500
/** SendGrid's own limit on a pool's name. */
const MAX_POOL_NAME = 64
/** SendGrid stamps an event when it happens: one stamped later than this ahead of now is not believed. */
export const FUTURE_SECONDS = 5 * 60

/** Why an event is not counted, as the webhook's answer says it (a count by reason). */
export const SKIPPED = {
  notObject: 'not an object',
  noId: 'no sg_event_id',
  noTimestamp: 'no timestamp',
  future: 'stamped more than 5 minutes ahead',
  expired: 'older than the figures are kept',
  notCounted: 'kind not counted',
  badText: 'text with a NUL or an unpaired surrogate',
  tooLong: 'a field longer than SendGrid makes it',
  test: "SendGrid's test event",
  laterDeferral: 'a message deferred again (counted at its first deferral)',
} as const

/** What the door holds an event to besides its shape: the clock, and how far back figures are kept. */
export interface DoorRules {
  nowSeconds: number
  retentionDays: number
}

/**
 * An event as counted, or why it is skipped: checked at the door, before it is queued, so that nothing the store
 * would refuse (a NUL, an unpaired surrogate) or the figures should not hold (a test event, a time ahead) is kept.
 */
export function readEvent(
  raw: unknown,
  { nowSeconds, retentionDays }: DoorRules = { nowSeconds: Date.now() / 1000, retentionDays: 90 },
): ReadEvent | { skipped: string } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { skipped: SKIPPED.notObject }
  const event = raw as Record<string, unknown>
  const id = event.sg_event_id
  if (typeof id !== 'string' || id.length === 0) return { skipped: SKIPPED.noId }
  if (isTestEvent(event)) return { skipped: SKIPPED.test }
  const timestamp = event.timestamp
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return { skipped: SKIPPED.noTimestamp }
  if (timestamp > nowSeconds + FUTURE_SECONDS) return { skipped: SKIPPED.future }
  if (timestamp < nowSeconds - retentionDays * 24 * 3600) return { skipped: SKIPPED.expired }
  const kind = kindOf(event)
  if (!kind) return { skipped: SKIPPED.notCounted }
  // Deferred counts messages delayed at least once, not attempts: SendGrid retries a message for up to 72 hours.
  if (kind === 'deferred' && Number(event.attempt) > 1) return { skipped: SKIPPED.laterDeferral }
  const messageId = event.sg_message_id
  const poolName = (event.pool as { name?: unknown } | null | undefined)?.name
  const texts = [id, messageId, poolName].filter((text): text is string => typeof text === 'string')
  if (texts.some((text) => text.includes('\0') || !text.isWellFormed())) return { skipped: SKIPPED.badText }
  if (
    id.length > MAX_ID ||
    (typeof messageId === 'string' && messageId.length > MAX_MESSAGE_ID) ||
    (typeof poolName === 'string' && poolName.length > MAX_POOL_NAME)
  )
    return { skipped: SKIPPED.tooLong }
  // An address that is not one counts as no IP; one that is, in its one spelling.
  const ip = SENDING_IP_KINDS.has(kind) && typeof event.ip === 'string' ? (normalIp(event.ip) ?? '') : ''
  const message = typeof messageId === 'string' ? messageId.split('.')[0] || undefined : undefined
  const pool = kind === 'processed' && typeof poolName === 'string' && poolName.length > 0 ? poolName : undefined
  const hour = new Date(Math.floor(timestamp / 3600) * 3600 * 1000).toISOString()
  // Every event the same shape (absent fields undefined): a batch's thousand events then read fast.
  return { id, kind, hour, ip, provider: providerOf(event.email), message, pool }
}

/**
 * SendGrid's test event (the console's Test button, and POST /v3/user/webhooks/event/test): a sample of each kind
 * to example@test.com, its ids the literal words. It shows the webhook arrives, and is no mail.
 */
function isTestEvent(event: Record<string, unknown>): boolean {
  return (
    event.email === 'example@test.com' &&
    (event.sg_event_id === 'sg_event_id' || event['smtp-id'] === '<14c5d75ce93.dfd.64b469@ismtpd-555>')
  )
}

function kindOf(event: Record<string, unknown>): Kind | undefined {
  switch (event.event) {
    case 'processed':
    case 'delivered':
    case 'deferred':
    case 'dropped':
    case 'spamreport':
    case 'open':
    case 'click':
      return event.event
    case 'bounce':
      // A block is temporary ("soft"): kept apart from a permanent bounce.
      return event.type === 'blocked' ? 'blocked' : 'bounce'
    default:
      return undefined
  }
}
