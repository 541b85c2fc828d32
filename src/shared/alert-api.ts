/**
 * The alerts as the server's API answers them and the app shows them (/api/alerts/*): incidents with what crossed and
 * who was told, the rules, the channels (secrets never included) and the mutes. Also the words for a figure and a
 * rule, and the door check of a channel, shared by the server, the app's forms and the demo.
 */
import { PROVIDER_NAMES, PROVIDERS, type Provider } from './delivery.ts'
import { MEASURES, type AlertRule, type AlertScope, type Measure } from './alerts.ts'
import { isStorableText } from './stored-text.ts'

export const ALERTS_PATH = '/api/alerts'

/** Sent with a change made from an alert (remove, move, stop warmup): the journal names the incident. */
export const INCIDENT_HEADER = 'x-dashboard-incident'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The incident a request names, if it names one well-formed. */
export function incidentOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers[INCIDENT_HEADER]
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined
}

/** One pool or IP (and provider) an incident is about, as its key reads back: "ip:192.0.2.10@microsoft". */
export interface IncidentScope {
  by: 'pool' | 'ip'
  name: string
  provider?: Provider
}

export function scopeKey({ by, name, provider }: IncidentScope): string {
  return `${by}:${name}${provider ? `@${provider}` : ''}`
}

export function parseScopeKey(key: string): IncidentScope {
  const by = key.startsWith('ip:') ? 'ip' : 'pool'
  const rest = key.slice(by.length + 1)
  const at = rest.lastIndexOf('@')
  const provider = at >= 0 ? rest.slice(at + 1) : ''
  return PROVIDERS.includes(provider as Provider)
    ? { by, name: rest.slice(0, at), provider: provider as Provider }
    : { by, name: rest }
}

/** "198.51.100.23 at Microsoft", "pool “billing”". */
export function scopeInWords({ by, name, provider }: IncidentScope): string {
  const subject = by === 'ip' ? name : `pool “${name}”`
  return provider ? `${subject} at ${PROVIDER_NAMES[provider]}` : subject
}

/** A figure in its measure's unit: "14.0 %", "1.20 per 1,000 delivered". */
export function figureInWords(measure: Measure, value: number): string {
  if (measure === 'spam') return `${value.toFixed(2)} per 1,000 delivered`
  return `${(value * 100).toFixed(1)} %`
}

const scopeOfRule = (scope: AlertScope) => {
  const within = scope.provider ? ` at ${PROVIDER_NAMES[scope.provider]}` : ''
  switch (scope.kind) {
    case 'every-pool':
      return `each pool${within}`
    case 'every-ip':
      return `each IP${within}`
    case 'pool':
      return `pool “${scope.name}”${within}`
    case 'ip':
      return `${scope.name}${within}`
  }
}

/** "Deferred above 10.0 % over 4 h, for each IP, from 500 sent", and its own times where it sets them. */
export function ruleInWords(
  rule: Pick<
    AlertRule,
    'measure' | 'scope' | 'threshold' | 'windowHours' | 'minVolume' | 'quietMinutes' | 'remindHours'
  >,
) {
  const { name, fires } = MEASURES[rule.measure]
  const volume = rule.measure === 'spam' ? 'delivered' : 'sent'
  const times = [
    rule.quietMinutes ? `resolved after ${rule.quietMinutes} min under` : '',
    rule.remindHours ? `reminded every ${rule.remindHours} h` : '',
  ].filter(Boolean)
  return (
    `${name} ${fires} ${figureInWords(rule.measure, rule.threshold)} over ${rule.windowHours} h, ` +
    `for ${scopeOfRule(rule.scope)}, from ${rule.minVolume.toLocaleString('en-US')} ${volume}` +
    (times.length ? `; ${times.join(', ')}` : '')
  )
}

export interface AlertRuleView extends AlertRule {
  /** Where a default rule's threshold comes from. */
  source?: string
  /** A rule the dashboard comes with: it can be changed or switched off, not deleted. */
  isDefault: boolean
}

/** One delivery of a notification to a channel, and what the channel answered. */
export interface AlertAttempt {
  at: string
  channel: string
  kind: 'opened' | 'reminder' | 'resolved'
  ok: boolean
  status: number | null
  answer: string
}

export interface AlertIncident {
  id: string
  ruleId: string
  measure: Measure
  scope: IncidentScope
  /** The figure when it opened, the latest, and the threshold it crossed. */
  openedValue: number
  value: number
  threshold: number
  /** Messages the latest figure is of. */
  volume: number
  openedAt: string
  lastCrossedAt: string
  evaluatedAt: string | null
  resolvedAt: string | null
  acknowledgedAt: string | null
  acknowledgedBy: string | null
  attempts: AlertAttempt[]
}

export const CHANNEL_KINDS = {
  slack: 'Slack',
  webhook: 'Webhook',
  pagerduty: 'PagerDuty',
  email: 'Email',
} as const
export type ChannelKind = keyof typeof CHANNEL_KINDS

/** A channel as a browser sees it: where it goes, masked; never its URL's path, key or secret. */
export interface AlertChannel {
  id: string
  kind: ChannelKind
  name: string
  enabled: boolean
  /** "hooks.slack.com/…", "events.pagerduty.com, key …a1b2", "ops@example.com". */
  destination: string
}

/** What an admin sends to add or change a channel; a change may leave out its secrets to keep them. */
export interface AlertChannelInput {
  kind: ChannelKind
  name: string
  enabled?: boolean
  /** Slack's incoming webhook, the webhook receiver, or PagerDuty's Events API (its default if left out). */
  url?: string
  /** The webhook's signing secret. */
  secret?: string
  /** PagerDuty's integration (routing) key. */
  routingKey?: string
  /** Email: who gets it, and the verified sender it comes from. */
  to?: string[]
  from?: string
}

export interface AlertMute {
  ruleId: string
  scope: IncidentScope
  until: string
  by: string
}

export interface AlertsView {
  /** When the rules were last evaluated (by this server), and how often they are. */
  evaluatedAt: string | null
  evaluateEverySeconds: number
  open: AlertIncident[]
  /** Resolved incidents, newest first. */
  history: AlertIncident[]
  rules: AlertRuleView[]
  channels: AlertChannel[]
  mutes: AlertMute[]
  /** Whether email can be sent: only with a server key that has mail.send. */
  email: { allowed: boolean; reason?: string }
}

/** What a channel answered to "Send a test". */
export interface ChannelTestResult {
  ok: boolean
  status: number | null
  answer: string
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/

/** What is wrong with a channel as sent, in words naming the field; null when nothing is. `change` keeps secrets. */
export function alertChannelProblem(input: unknown, change = false): string | null {
  if (typeof input !== 'object' || input === null) return 'A channel is an object.'
  const { kind, name, url, secret, routingKey, to, from } = input as Record<string, unknown>
  const texts = { name, url, secret, routingKey, from, to: Array.isArray(to) ? to.join('') : to }
  const broken = Object.entries(texts).find(([, text]) => typeof text === 'string' && !isStorableText(text))
  if (broken) return `${broken[0]} must not hold a NUL or half a character.`
  if (typeof kind !== 'string' || !Object.hasOwn(CHANNEL_KINDS, kind))
    return `kind must be one of ${Object.keys(CHANNEL_KINDS).join(', ')}.`
  if (typeof name !== 'string' || name.trim() === '' || name.length > 100) return 'name must be 1 to 100 characters.'
  const given = (value: unknown) => value !== undefined && value !== ''
  if (url !== undefined && typeof url !== 'string') return 'url must be a URL.'
  if ((kind === 'slack' || kind === 'webhook') && !change && !given(url)) return 'url is required.'
  if (given(url) && !URL.canParse(url as string)) return 'url must be a whole URL, starting https://.'
  if (kind === 'webhook' && (!change || given(secret)) && (typeof secret !== 'string' || secret.length < 16))
    return 'secret must be at least 16 characters: the receiver checks each notification with it.'
  if (kind === 'pagerduty' && (!change || given(routingKey)) && !/^[\w-]{20,64}$/.test(String(routingKey ?? '')))
    return 'routingKey must be the 32-character integration key of a PagerDuty Events API v2 integration.'
  if (kind === 'email') {
    if (!Array.isArray(to) || to.length === 0 || to.length > 20) return 'to must list 1 to 20 email addresses.'
    const wrong = to.find((address) => typeof address !== 'string' || !EMAIL.test(address))
    if (wrong !== undefined) return `to: “${String(wrong)}” is not an email address.`
    if (typeof from !== 'string' || !EMAIL.test(from))
      return 'from must be an email address of a sender verified in SendGrid.'
  }
  return null
}
