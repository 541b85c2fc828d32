/**
 * Connecting SendGrid's Event Webhook: the account's webhooks, making one that posts to this dashboard, signing it,
 * SendGrid's test event (all through the route table), and the dashboard's server's side: where to post, whether it
 * can check what arrives, and which webhook's key to read from SendGrid.
 */
import { request } from '../lib/api-client'
import { callSendGrid, sendGridRoute } from '../lib/sendgrid-call'
import { WEBHOOK_STATUS_PATH, type WebhookConnect, type WebhookStatus } from '../shared/delivery'
import { WEBHOOK_EVENTS } from '../shared/sendgrid-routes'

export interface EventWebhook {
  id: string
  url: string
  enabled: boolean
  friendlyName: string | null
  /** Its signing key; empty while signing is off. */
  publicKey: string
}

interface RawWebhook {
  id: string
  url: string
  enabled?: boolean
  friendly_name?: string | null
  public_key?: string | null
}

const normalise = (raw: RawWebhook): EventWebhook => ({
  id: raw.id,
  url: raw.url,
  enabled: raw.enabled ?? false,
  friendlyName: raw.friendly_name || null,
  publicKey: raw.public_key ?? '',
})

export async function listWebhooks(
  signal?: AbortSignal,
): Promise<{ maxAllowed: number | null; webhooks: EventWebhook[] }> {
  const answer = await callSendGrid<{ max_allowed?: number; webhooks?: RawWebhook[] | null }>(
    sendGridRoute('listWebhooks'),
    { signal },
  )
  return { maxAllowed: answer.max_allowed ?? null, webhooks: (answer.webhooks ?? []).map(normalise) }
}

/** A new webhook posting every counted event to `url`, beside any the account has: none is overwritten. */
export async function createWebhook(url: string): Promise<EventWebhook> {
  const events = Object.fromEntries(WEBHOOK_EVENTS.map((event) => [event, true]))
  const raw = await callSendGrid<RawWebhook>(sendGridRoute('createWebhook'), {
    body: { url, enabled: true, friendly_name: 'IP pools dashboard', ...events },
  })
  return normalise(raw)
}

/** Turns on signing; SendGrid answers with the webhook's public key. */
export async function signWebhook(id: string): Promise<string> {
  const raw = await callSendGrid<{ public_key?: string }>(sendGridRoute('signWebhook', { id }), {
    body: { enabled: true },
  })
  return raw.public_key ?? ''
}

/** Asks SendGrid to post its test event to the webhook. */
export async function testWebhook(id: string, url: string): Promise<void> {
  await callSendGrid<void>(sendGridRoute('testWebhook'), { body: { url, id } })
}

export function getWebhookStatus(signal?: AbortSignal): Promise<WebhookStatus> {
  return request<WebhookStatus>(WEBHOOK_STATUS_PATH, { signal })
}

/** Tells the dashboard's server to read this webhook's key from SendGrid and check batches with it. */
export async function connectWebhook(id: string): Promise<void> {
  const body: WebhookConnect = { id }
  await request<void>(WEBHOOK_STATUS_PATH, { method: 'PUT', body })
}
