/**
 * SendGrid's Event Webhook events, read as counts: which kind of event, which sending IP, which mailbox provider, and
 * the message it belongs to. Nothing of the recipient's address is kept beyond its domain's provider.
 */
import type { Kind, Provider } from '../../src/shared/delivery.ts'

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

const MAX_ID = 200
const MAX_TEXT = 500
/** Events outside this window of now are not believed (a year back, a day ahead). */
const PAST_SECONDS = 366 * 24 * 3600
const FUTURE_SECONDS = 24 * 3600

/** An event as counted, or why it is skipped. */
export function readEvent(raw: unknown, nowSeconds = Date.now() / 1000): ReadEvent | { skipped: string } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { skipped: 'not an object' }
  const event = raw as Record<string, unknown>
  const id = event.sg_event_id
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) return { skipped: 'no sg_event_id' }
  const timestamp = event.timestamp
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return { skipped: 'no timestamp' }
  if (timestamp < nowSeconds - PAST_SECONDS || timestamp > nowSeconds + FUTURE_SECONDS)
    return { skipped: 'timestamp out of range' }
  const kind = kindOf(event)
  if (!kind) return { skipped: 'kind not counted' }
  const ip = SENDING_IP_KINDS.has(kind) && isAddress(event.ip) ? event.ip : ''
  const messageId = event.sg_message_id
  const message =
    typeof messageId === 'string' && messageId.length <= MAX_TEXT ? messageId.split('.')[0] || undefined : undefined
  const poolName = (event.pool as { name?: unknown } | undefined)?.name
  const pool =
    kind === 'processed' && typeof poolName === 'string' && poolName.length > 0 && poolName.length <= 64
      ? poolName
      : undefined
  const hour = new Date(Math.floor(timestamp / 3600) * 3600 * 1000).toISOString()
  // Every event the same shape (absent fields undefined): a batch's thousand events then read fast.
  return { id, kind, hour, ip, provider: providerOf(event.email), message, pool }
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

function isAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 45 && /^[0-9a-fA-F.:]+$/.test(value)
}
