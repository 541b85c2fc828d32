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

/** GET /api/stats?pool=|ip=&range= */
export interface DeliveryStats {
  /** Whether any event has ever been counted: a pool that sent nothing is told apart from a webhook not connected. */
  connected: boolean
  range: Range
  totals: Totals
  providers: { provider: Provider; totals: Totals }[]
  /** Hours for a day or a week, days for a month; oldest first, only those with events. */
  series: { start: string; totals: Totals }[]
}

export const STATS_PATH = '/api/stats'
export const STATS_TOTALS_PATH = '/api/stats/totals'

export const emptyTotals = (): Totals => Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Totals

/** The figures a sender watches, from a set of counts: rates are of the messages SendGrid processed. */
export interface DeliveryFigures {
  sent: number
  /** Fractions (0.05 is 5 %), or null while nothing was sent. */
  delivered: number | null
  deferred: number | null
  bounced: number | null
  blocked: number | null
  dropped: number
  /** Spam reports per thousand delivered; null while nothing was delivered. */
  spamPerThousand: number | null
}

export function deliveryFigures(totals: Totals): DeliveryFigures {
  const sent = totals.processed
  const rate = (count: number) => (sent > 0 ? count / sent : null)
  return {
    sent,
    delivered: rate(totals.delivered),
    deferred: rate(totals.deferred),
    bounced: rate(totals.bounce),
    blocked: rate(totals.blocked),
    dropped: totals.dropped,
    spamPerThousand: totals.delivered > 0 ? (totals.spamreport / totals.delivered) * 1000 : null,
  }
}

/** Where a pool's or an IP's figures need a look (the same everywhere): bounce > 5 %, spam > 0.1 %, deferred > 10 %. */
export const THRESHOLDS = { bounced: 0.05, spam: 0.001, deferred: 0.1 } as const

/** Each threshold crossed, named with its figure: "Bounced 7.2 %". */
export function deliveryFlags(totals: Totals): string[] {
  const figures = deliveryFigures(totals)
  const flags: string[] = []
  const bounced = (figures.bounced ?? 0) + (figures.blocked ?? 0)
  if (figures.sent > 0 && bounced > THRESHOLDS.bounced) flags.push(`Bounced ${percent(bounced)}`)
  if (figures.spamPerThousand !== null && figures.spamPerThousand / 1000 > THRESHOLDS.spam)
    flags.push(`Spam ${percent(figures.spamPerThousand / 1000, 2)}`)
  if (figures.deferred !== null && figures.deferred > THRESHOLDS.deferred)
    flags.push(`Deferred ${percent(figures.deferred)}`)
  return flags
}

export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)} %`
}
