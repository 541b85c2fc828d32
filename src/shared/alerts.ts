/**
 * Alert rules, as the server evaluates them and the app shows them: what a rule measures, over which pools or IPs,
 * the threshold it fires past, the window it looks back over and the volume below which it never fires. Pure, so the
 * server's evaluation, the app's forms and the demo read one definition.
 */
import { isStorableText } from './stored-text.ts'
import { deliveryFigures, PROVIDERS, THRESHOLD_SOURCES, THRESHOLDS, type Provider, type Totals } from './delivery.ts'

/** What a rule watches; each a share of the messages sent, spam per 1,000 delivered. */
export const MEASURES = {
  bounced: { name: 'Bounced and blocked', unit: '%', fires: 'above' },
  blocked: { name: 'Blocked', unit: '%', fires: 'above' },
  deferred: { name: 'Deferred', unit: '%', fires: 'above' },
  spam: { name: 'Spam reports', unit: 'per 1,000 delivered', fires: 'above' },
  delivered: { name: 'Delivered', unit: '%', fires: 'below' },
} as const
export type Measure = keyof typeof MEASURES

/** Where a rule looks: every pool, one pool, every IP or one IP; optionally one mailbox provider within it. */
export type AlertScope =
  { kind: 'every-pool' | 'every-ip'; provider?: Provider } | { kind: 'pool' | 'ip'; name: string; provider?: Provider }

export interface AlertRule {
  id: string
  measure: Measure
  scope: AlertScope
  /** A fraction (0.05 is 5 %), or spam reports per 1,000 delivered. */
  threshold: number
  /** Hours looked back over, 1 to 24. */
  windowHours: number
  /** Messages sent in the window below which the rule never fires: 1 bounce in 5 sends is not 20 %. */
  minVolume: number
  enabled: boolean
  /** Minutes under the threshold before an incident resolves (default 60). */
  quietMinutes?: number
  /** Hours before an open incident is notified again (default 24). */
  remindHours?: number
}

/** The bounds of a rule's own times. */
export const QUIET_MINUTES = { min: 5, max: 1440 } as const
export const REMIND_HOURS = { min: 1, max: 168 } as const

export const WINDOW_HOURS = { min: 1, max: 24 } as const

/** The rules a dashboard starts with: the thresholds the figures are flagged at, with where each comes from. */
export const DEFAULT_RULES: readonly (AlertRule & { source: string })[] = [
  {
    id: 'default-bounced',
    measure: 'bounced',
    scope: { kind: 'every-pool' },
    threshold: THRESHOLDS.bounced,
    windowHours: 24,
    minVolume: 1000,
    enabled: true,
    source: THRESHOLD_SOURCES.bounced,
  },
  {
    id: 'default-spam',
    measure: 'spam',
    scope: { kind: 'every-pool' },
    threshold: THRESHOLDS.spam * 1000,
    windowHours: 24,
    minVolume: 1000,
    enabled: true,
    source: THRESHOLD_SOURCES.spam,
  },
  {
    id: 'default-deferred',
    measure: 'deferred',
    scope: { kind: 'every-ip' },
    threshold: THRESHOLDS.deferred,
    windowHours: 4,
    minVolume: 500,
    enabled: true,
    source: THRESHOLD_SOURCES.deferred,
  },
]

/** A measure's value over some counts, and the volume it is judged on; value null while there is nothing to judge. */
export function measureOf(measure: Measure, totals: Totals): { value: number | null; volume: number } {
  const figures = deliveryFigures(totals)
  switch (measure) {
    case 'bounced':
      return { value: figures.sent > 0 ? (figures.bounced ?? 0) + (figures.blocked ?? 0) : null, volume: figures.sent }
    case 'blocked':
      return { value: figures.blocked, volume: figures.sent }
    case 'deferred':
      return { value: figures.deferred, volume: figures.sent }
    case 'delivered':
      return { value: figures.delivered, volume: figures.sent }
    case 'spam':
      return { value: figures.spamPerThousand, volume: totals.delivered }
  }
}

/** Whether counts cross a rule: past its threshold (below it, for delivered) on at least its minimum volume. */
export function crosses(rule: Pick<AlertRule, 'measure' | 'threshold' | 'minVolume'>, totals: Totals): boolean {
  const { value, volume } = measureOf(rule.measure, totals)
  if (value === null || volume < rule.minVolume) return false
  return MEASURES[rule.measure].fires === 'above' ? value > rule.threshold : value < rule.threshold
}

/** What is wrong with a rule as sent to the server, in words naming the field; null when nothing is. */
export function alertRuleProblem(rule: unknown): string | null {
  if (typeof rule !== 'object' || rule === null) return 'A rule is an object.'
  const { measure, scope, threshold, windowHours, minVolume, quietMinutes, remindHours } = rule as Record<
    string,
    unknown
  >
  if (typeof measure !== 'string' || !Object.hasOwn(MEASURES, measure))
    return `measure must be one of ${Object.keys(MEASURES).join(', ')}.`
  const scopeProblem = alertScopeProblem(scope)
  if (scopeProblem) return scopeProblem
  const most = measure === 'spam' ? 1000 : 1
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0 || threshold > most)
    return measure === 'spam'
      ? 'threshold must be more than 0 and at most 1,000 spam reports per 1,000 delivered.'
      : 'threshold must be a fraction more than 0 and at most 1 (0.05 is 5 %).'
  if (
    !Number.isInteger(windowHours) ||
    (windowHours as number) < WINDOW_HOURS.min ||
    (windowHours as number) > WINDOW_HOURS.max
  )
    return `windowHours must be a whole number of hours from ${WINDOW_HOURS.min} to ${WINDOW_HOURS.max}.`
  if (!Number.isInteger(minVolume) || (minVolume as number) < 1) return 'minVolume must be a whole number from 1.'
  const within = (value: unknown, { min, max }: { min: number; max: number }) =>
    value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max)
  if (!within(quietMinutes, QUIET_MINUTES))
    return `quietMinutes must be a whole number of minutes from ${QUIET_MINUTES.min} to ${QUIET_MINUTES.max}.`
  if (!within(remindHours, REMIND_HOURS))
    return `remindHours must be a whole number of hours from ${REMIND_HOURS.min} to ${REMIND_HOURS.max}.`
  return null
}

function alertScopeProblem(scope: unknown): string | null {
  if (typeof scope !== 'object' || scope === null) return 'scope is required.'
  const { kind, name, provider } = scope as Record<string, unknown>
  if (kind !== 'every-pool' && kind !== 'every-ip' && kind !== 'pool' && kind !== 'ip')
    return 'scope.kind must be every-pool, pool, every-ip or ip.'
  if ((kind === 'pool' || kind === 'ip') && (typeof name !== 'string' || name === '' || name.length > 100))
    return `scope.name must name the ${kind}.`
  if (typeof name === 'string' && !isStorableText(name)) return 'scope.name must not hold a NUL or half a character.'
  if ((kind === 'every-pool' || kind === 'every-ip') && name !== undefined)
    return 'scope.name is only for one pool or IP.'
  if (provider !== undefined && !PROVIDERS.includes(provider as Provider))
    return `scope.provider must be one of ${PROVIDERS.join(', ')}.`
  return null
}
