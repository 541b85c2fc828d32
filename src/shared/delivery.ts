/**
 * Delivery statistics as the server counts them from SendGrid's Event Webhook and the app shows them: the kinds of
 * event, the mailbox providers, the ranges, and the figures and thresholds read from a set of counts.
 */

export const KINDS = [
  'processed',
  'delivered',
  'deferred',
  'bounce',
  'blocked',
  'dropped',
  'spamreport',
  'open',
  'click',
] as const
export type Kind = (typeof KINDS)[number]

export const PROVIDERS = ['gmail', 'microsoft', 'yahoo', 'apple', 'other'] as const
export type Provider = (typeof PROVIDERS)[number]
export const PROVIDER_NAMES: Record<Provider, string> = {
  gmail: 'Gmail',
  microsoft: 'Microsoft',
  yahoo: 'Yahoo',
  apple: 'Apple',
  other: 'Others',
}

export type Totals = Record<Kind, number>

/** Hours each range covers. */
export const RANGES = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const
export type Range = keyof typeof RANGES

/** GET /api/delivery?pool=|ip=&range= */
export interface DeliveryStats {
  /** Whether any event has ever been counted: a pool that sent nothing is told apart from a webhook not connected. */
  connected: boolean
  range: Range
  totals: Totals
  providers: ProviderTotals
  /** Hours for a day or a week, days for a month; oldest first, only those with events. */
  series: { start: string; totals: Totals }[]
}

export type ProviderTotals = { provider: Provider; totals: Totals }[]

/** A pool's or an IP's totals over a range, and what in them needs a look (see deliveryFlags). */
export interface DeliverySummary {
  totals: Totals
  flags: string[]
}

/** GET /api/delivery/totals?by=pool|ip&range=: each pool's (or IP's) summary, only those with events. */
export interface DeliverySummaries {
  connected: boolean
  range: Range
  of: Record<string, DeliverySummary>
}

/** GET /api/delivery/webhook: where SendGrid should post, and whether the server can check what it posts. */
export interface WebhookStatus {
  /** The address to give SendGrid as the webhook's URL. */
  url: string
  /** Where the server's public key comes from: its environment, a webhook connected here, or nowhere yet. */
  key: 'environment' | 'stored' | null
  webhookId?: string
  connectedBy?: string
  connectedAt?: string
  /** The checking key's fingerprint (SHA256:…), to compare with SendGrid's, and since when it has checked. */
  fingerprint?: string
  since?: string
  /** When the last signed batch (a test event too) arrived, ISO 8601. */
  lastBatchAt: string | null
  /** How far counting is behind (the dashboard's server says; the demo's fake does not). */
  backlog?: WebhookBacklog
}

/** How far counting is behind: batches kept and not yet counted, the oldest one's wait, and batches set aside. */
export interface WebhookBacklog {
  waiting: number
  oldestWaitSeconds: number
  /** Batches that could not be counted, kept with their error until `npm run events:recount`. */
  setAside: number
}

/** PUT /api/delivery/webhook: the webhook whose key the server should read from SendGrid and check batches with. */
export interface WebhookConnect {
  id: string
}

export const WEBHOOK_STATUS_PATH = '/api/delivery/webhook'
export const EVENTS_PATH = '/webhooks/sendgrid/events'

export const DELIVERY_PATH = '/api/delivery'
export const DELIVERY_TOTALS_PATH = '/api/delivery/totals'

export const emptyTotals = (): Totals => Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Totals

/** Adds `more` into `into`, kind by kind. */
export function addTotals(into: Totals, more: Totals): void {
  for (const kind of KINDS) into[kind] += more[kind]
}

/**
 * The figures a sender watches, from a set of counts. Delivered, bounced, blocked, dropped and in flight are shares
 * of the messages sent and add up to 1; deferred is apart, since a delayed message is later delivered or not.
 */
export interface DeliveryFigures {
  sent: number
  /** Fractions (0.05 is 5 %), or null while nothing was sent. */
  delivered: number | null
  bounced: number | null
  blocked: number | null
  dropped: number | null
  /** Not at an outcome yet: mostly messages still being retried after a deferral. */
  inFlight: number | null
  /** Delayed at least once by the receiver (SendGrid's first deferral of a message). */
  deferred: number | null
  /** Spam reports per thousand delivered; null while nothing was delivered. */
  spamPerThousand: number | null
}

/**
 * Rates are of the messages sent: those SendGrid processed or, for an IP (processed events name no sending IP), those
 * that reached an outcome from it, whichever is more.
 */
export function deliveryFigures(totals: Totals): DeliveryFigures {
  const outcomes = totals.delivered + totals.bounce + totals.blocked + totals.dropped
  const sent = Math.max(totals.processed, outcomes)
  const rate = (count: number) => (sent > 0 ? count / sent : null)
  return {
    sent,
    delivered: rate(totals.delivered),
    bounced: rate(totals.bounce),
    blocked: rate(totals.blocked),
    dropped: rate(totals.dropped),
    inFlight: rate(sent - outcomes),
    deferred: rate(totals.deferred),
    spamPerThousand: totals.delivered > 0 ? (totals.spamreport / totals.delivered) * 1000 : null,
  }
}

/** What each figure is, in the words the panel and the docs use. */
export const FIGURE_DEFINITIONS = {
  sent: 'Messages SendGrid processed; for an IP, those that reached an outcome from it (processed events name no IP).',
  delivered: 'Accepted by the receiving mail server.',
  bounced: 'Refused for good, such as an address that does not exist.',
  blocked: 'Refused for now by the receiver, over the sender’s reputation or the content.',
  dropped: 'Not sent at all by SendGrid: a suppressed or invalid address.',
  inFlight: 'No outcome yet, mostly messages being retried after a deferral.',
  deferred: 'Delayed at least once by the receiver; most of these are delivered later.',
  spam: 'Recipients who marked the mail as spam, per 1,000 delivered.',
} as const

/** How the shares relate, said once beside the figures. */
export const FIGURES_ADD_UP =
  'Delivered, bounced, blocked, dropped and in flight are shares of the messages sent and add up to 100 %; ' +
  'deferred is apart, since a delayed message is later delivered or not.'

/** Where a pool's or an IP's figures need a look (the same everywhere): bounce > 5 %, spam > 0.1 %, deferred > 10 %. */
export const THRESHOLDS = { bounced: 0.05, spam: 0.001, deferred: 0.1 } as const

/** Each threshold in words, with where it comes from. */
export const THRESHOLD_SOURCES = {
  bounced:
    'Bounced and blocked together over 5 %: the bounce rate at which Amazon SES places an account under review; ' +
    'SendGrid also reviews accounts whose bounce rate runs high.',
  spam:
    'Spam reports over 1 per 1,000 delivered (0.1 %): Gmail and Yahoo ask bulk senders to stay under 0.1 % and ' +
    'never to reach 0.3 %.',
  deferred:
    'Deferred over 10 %: a receiver delaying one message in ten is throttling the IP, as it does a new or a ' +
    'suspect one.',
} as const

/** A provider's own figures are judged only from this many sent: below it, one spam report is already 0.1 %. */
export const MIN_PROVIDER_SENT = 1000

/** A mailbox provider's own flags, or null when it has sent too little to judge (under MIN_PROVIDER_SENT). */
export function providerFlags(totals: Totals): string[] | null {
  return deliveryFigures(totals).sent < MIN_PROVIDER_SENT ? null : crossed(totals).map(({ text }) => text)
}

/**
 * Each threshold crossed, named with its figure: "Bounced 7.2 %", overall and then at each mailbox provider that
 * crosses one the whole does not ("Deferred 14.0 % at Microsoft"), since one provider deferring is what a sender
 * most needs to see and an average hides.
 */
export function deliveryFlags(totals: Totals, providers: ProviderTotals = []): string[] {
  const overall = crossed(totals)
  const flags = overall.map(({ text }) => text)
  const named = new Set(overall.map(({ name }) => name))
  for (const { provider, totals: counts } of providers) {
    if (providerFlags(counts) === null) continue
    for (const { name, text } of crossed(counts))
      if (!named.has(name)) flags.push(`${text} at ${PROVIDER_NAMES[provider]}`)
  }
  return flags
}

function crossed(totals: Totals): { name: string; text: string }[] {
  const figures = deliveryFigures(totals)
  const found: { name: string; text: string }[] = []
  const bounced = (figures.bounced ?? 0) + (figures.blocked ?? 0)
  if (figures.sent > 0 && bounced > THRESHOLDS.bounced)
    found.push({ name: 'bounced', text: `Bounced ${percent(bounced)}` })
  if (figures.spamPerThousand !== null && figures.spamPerThousand / 1000 > THRESHOLDS.spam)
    found.push({ name: 'spam', text: `Spam ${percent(figures.spamPerThousand / 1000, 2)}` })
  if (figures.deferred !== null && figures.deferred > THRESHOLDS.deferred)
    found.push({ name: 'deferred', text: `Deferred ${percent(figures.deferred)}` })
  return found
}

export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)} %`
}
