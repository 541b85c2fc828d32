/**
 * Where alerts go: the channels an admin set, kept with their URLs and keys apart from what a browser may see, and
 * each kind's message: Slack's incoming webhook, a signed JSON webhook, PagerDuty's Events API v2, or email through
 * SendGrid's Mail Send with the server's own key.
 */
import { createHmac, randomUUID } from 'node:crypto'
import type { AlertChannel, AlertChannelInput, AlertIncident, ChannelKind } from '../../src/shared/alert-api.ts'
import { figureInWords, scopeInWords } from '../../src/shared/alert-api.ts'
import { MEASURES } from '../../src/shared/alerts.ts'
import type { Sql } from '../store/store.ts'
import { destinationProblem } from '../../src/shared/alert-destinations.ts'
import { postJson, type PostAnswer } from './destinations.ts'
import type { Mailer } from './mailer.ts'

export const PAGERDUTY_EVENTS = 'https://events.pagerduty.com/v2/enqueue'

interface Secret {
  url?: string
  secret?: string
  routingKey?: string
}
interface Settings {
  to?: string[]
  from?: string
}
export interface StoredChannel {
  id: string
  kind: ChannelKind
  name: string
  enabled: boolean
  settings: Settings
  secret: Secret
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value)

/** A URL shown without the path or query that makes it a secret. */
const hostOf = (url: string | undefined) => (url && URL.canParse(url) ? `${new URL(url).host}/…` : '')

export function maskedChannel({ id, kind, name, enabled, settings, secret }: StoredChannel): AlertChannel {
  const destination =
    kind === 'email'
      ? (settings.to ?? []).join(', ')
      : kind === 'pagerduty'
        ? `${new URL(secret.url ?? PAGERDUTY_EVENTS).host}, key …${(secret.routingKey ?? '').slice(-4)}`
        : hostOf(secret.url)
  return { id, kind, name, enabled, destination }
}

export async function readChannels(sql: Sql): Promise<StoredChannel[]> {
  const rows = await sql.query<StoredChannel & { settings: Settings | string; secret: Secret | string }>(
    'select id, kind, name, enabled, settings, secret from alert_channels order by name, id',
  )
  return rows.map((row) => ({ ...row, settings: json(row.settings), secret: json(row.secret) }))
}

/** Checks a channel's destination beyond its shape: where it points. */
export function channelDestinationProblem(input: AlertChannelInput, listed: readonly string[]): string | null {
  return input.url ? destinationProblem(input.url, listed) : null
}

/** Adds a channel, or changes one keeping the secrets the change leaves out; the channel as kept. */
export async function saveChannel(
  sql: Sql,
  id: string | undefined,
  input: AlertChannelInput,
  by: string,
): Promise<StoredChannel | undefined> {
  const before = id ? (await readChannels(sql)).find((channel) => channel.id === id) : undefined
  if (id && (!before || before.kind !== input.kind)) return undefined
  const secret: Secret = {
    ...before?.secret,
    ...(input.url ? { url: input.url } : {}),
    ...(input.secret ? { secret: input.secret } : {}),
    ...(input.routingKey ? { routingKey: input.routingKey } : {}),
  }
  const settings: Settings = input.kind === 'email' ? { to: input.to ?? [], from: input.from ?? '' } : {}
  const channel: StoredChannel = {
    id: id ?? randomUUID(),
    kind: input.kind,
    name: input.name.trim(),
    enabled: input.enabled ?? true,
    settings,
    secret,
  }
  await sql.query(
    `insert into alert_channels (id, kind, name, settings, secret, enabled, updated_by)
     values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7)
     on conflict (id) do update set name = excluded.name, settings = excluded.settings, secret = excluded.secret,
       enabled = excluded.enabled, updated_at = now(), updated_by = excluded.updated_by`,
    [channel.id, channel.kind, channel.name, JSON.stringify(settings), JSON.stringify(secret), channel.enabled, by],
  )
  return channel
}

export async function deleteChannel(sql: Sql, id: string): Promise<string | undefined> {
  const rows = await sql.query<{ name: string }>('delete from alert_channels where id = $1 returning name', [id])
  return rows[0]?.name
}

/** One notification as it goes out: its id is the same on every retry, so a receiver can drop a repeat. */
export interface Outgoing {
  id: string
  kind: 'opened' | 'reminder' | 'resolved' | 'test'
  incident: Omit<AlertIncident, 'attempts'>
  rule: string
  /** The IP's or pool's page. */
  link: string
}

export function summaryOf({ kind, incident }: Outgoing): string {
  const what = `${MEASURES[incident.measure].name} ${figureInWords(incident.measure, incident.value)}`
  const where = scopeInWords(incident.scope)
  const limit = `${MEASURES[incident.measure].fires} ${figureInWords(incident.measure, incident.threshold)}`
  switch (kind) {
    case 'resolved':
      return `Resolved: ${where} is back (${what}; the rule fires ${limit}).`
    case 'reminder':
      return `Still open: ${what} for ${where} (threshold: ${limit}).`
    case 'test':
      return `Test from the IP Pools dashboard: ${what} for ${where} (threshold: ${limit}).`
    default:
      return `Alert: ${what} for ${where} (threshold: ${limit}).`
  }
}

/** The webhook's body: stable field names, documented in docs/alerts.md. */
export function webhookBody(outgoing: Outgoing, sentAt: string): string {
  const { id, kind, incident, rule, link } = outgoing
  return JSON.stringify({ id, type: `incident.${kind}`, sentAt, summary: summaryOf(outgoing), rule, link, incident })
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe and others sign theirs. */
export function webhookSignature(secret: string, body: string, seconds: number): string {
  const mac = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex')
  return `t=${seconds},v1=${mac}`
}

const slackText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export interface Deliverers {
  listed: readonly string[]
  mailer: Mailer
}

/** Sends one notification to one channel; what it answered. */
export async function deliver(channel: StoredChannel, outgoing: Outgoing, { listed, mailer }: Deliverers) {
  const summary = summaryOf(outgoing)
  const subject = scopeInWords(outgoing.incident.scope)
  switch (channel.kind) {
    case 'slack': {
      const text = `${slackText(summary)} <${outgoing.link}|Open ${slackText(subject)}>`
      return postJson(channel.secret.url ?? '', JSON.stringify({ text }), {}, { listed })
    }
    case 'webhook': {
      const sentAt = new Date().toISOString()
      const body = webhookBody(outgoing, sentAt)
      const signature = webhookSignature(channel.secret.secret ?? '', body, Math.floor(Date.now() / 1000))
      const headers = { 'x-dashboard-signature': signature, 'x-dashboard-delivery': outgoing.id }
      return postJson(channel.secret.url ?? '', body, headers, { listed })
    }
    case 'pagerduty': {
      const resolve = outgoing.kind === 'resolved'
      const event = {
        routing_key: channel.secret.routingKey,
        event_action: resolve ? 'resolve' : 'trigger',
        dedup_key: outgoing.incident.id,
        ...(resolve
          ? {}
          : {
              payload: {
                summary: summary.slice(0, 1024),
                source: subject,
                severity: 'warning',
                custom_details: { rule: outgoing.rule, ...outgoing.incident },
              },
              links: [{ href: outgoing.link, text: `Open ${subject}` }],
            }),
      }
      return postJson(channel.secret.url ?? PAGERDUTY_EVENTS, JSON.stringify(event), {}, { listed })
    }
    case 'email': {
      const text = `${summary}\n\nRule: ${outgoing.rule}\nOpen ${subject}: ${outgoing.link}\nIncident: ${outgoing.incident.id}\n`
      return mailer.send({ to: channel.settings.to ?? [], from: channel.settings.from ?? '', subject: summary, text })
    }
  }
}

export type { PostAnswer }
