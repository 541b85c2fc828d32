/**
 * The fake SendGrid's Event Webhooks and the dashboard server's side of connecting one, as the real ones behave: an
 * account has several (up to max_allowed), a URL may be used once, signing gives each its own key, the test event
 * arrives a moment later, and the server keeps the key of the webhook an admin names once it is signed.
 */
import type { WebhookStatus } from '../shared/delivery'
import { fieldError, noContent, ok, type FakeResponse } from './responses'
import type { DemoState, DemoWebhook } from './state'

export const MAX_WEBHOOKS = 5
/** How long SendGrid's test event takes to arrive, in the demo. */
const TEST_ARRIVES_MS = 1_500

/** A key-shaped string: the demo checks no signatures. */
const fakeKey = () =>
  'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' +
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(48)))).replace(/=+$/, '')

export function listWebhooks(state: DemoState): FakeResponse {
  return ok({ max_allowed: MAX_WEBHOOKS, webhooks: state.webhooks ?? [] })
}

export function createWebhook(state: DemoState, body: Record<string, unknown>): FakeResponse {
  const url = body.url
  if (typeof url !== 'string' || !/^https?:\/\/[^\s/]+/.test(url))
    return fieldError(400, 'url', 'A valid URL is required.')
  const webhooks = (state.webhooks ??= [])
  const same = webhooks.find((webhook) => webhook.url === url)
  if (same) return fieldError(400, 'url', `A webhook with this URL already exists (id ${same.id}).`)
  if (webhooks.length >= MAX_WEBHOOKS)
    return fieldError(400, null, 'You have reached the maximum number of webhooks per your current billing plan.')
  const webhook: DemoWebhook = {
    ...Object.fromEntries(Object.entries(body).filter(([, value]) => typeof value === 'boolean')),
    id: crypto.randomUUID(),
    url,
    enabled: body.enabled === true,
    friendly_name: typeof body.friendly_name === 'string' ? body.friendly_name : '',
    public_key: '',
  }
  webhooks.push(webhook)
  return ok({ ...webhook, created_date: new Date().toISOString() }, 201)
}

export function getWebhookKey(state: DemoState, id: string): FakeResponse {
  const webhook = state.webhooks?.find((candidate) => candidate.id === id)
  return webhook ? ok({ id, public_key: webhook.public_key }) : fieldError(404, null, 'Invalid id provided.')
}

export function signWebhook(state: DemoState, id: string, body: Record<string, unknown>): FakeResponse {
  const webhook = state.webhooks?.find((candidate) => candidate.id === id)
  if (!webhook) return fieldError(404, null, 'Invalid id provided.')
  if (typeof body.enabled !== 'boolean') return fieldError(400, 'enabled', 'enabled is required.')
  webhook.public_key = body.enabled ? webhook.public_key || fakeKey() : ''
  return ok({ id, public_key: webhook.public_key })
}

export function testWebhook(state: DemoState, body: Record<string, unknown>): FakeResponse {
  if (typeof body.url !== 'string') return fieldError(400, 'url', 'url is required.')
  const connected = state.webhookConnected
  // The test event reaches this dashboard when it is posted here, to a webhook whose key the server holds.
  if (connected && body.url === connected.url) state.lastBatchAt = new Date(Date.now() + TEST_ARRIVES_MS).toISOString()
  return noContent
}

export function webhookStatus(state: DemoState, url: string): WebhookStatus {
  const connected = state.webhookConnected
  const last = state.lastBatchAt && Date.parse(state.lastBatchAt) <= Date.now() ? state.lastBatchAt : null
  return connected
    ? {
        url,
        key: 'stored',
        webhookId: connected.id,
        connectedBy: connected.by,
        connectedAt: connected.at,
        lastBatchAt: last,
      }
    : { url, key: null, lastBatchAt: last }
}

export function connectWebhook(state: DemoState, id: unknown, by: string): FakeResponse {
  if (typeof id !== 'string') return fieldError(400, null, 'Name the webhook by its id.')
  const webhook = state.webhooks?.find((candidate) => candidate.id === id)
  if (!webhook) return fieldError(404, null, 'Invalid id provided.')
  if (!webhook.public_key) return fieldError(409, null, 'That webhook is not signed yet: turn on signing first.')
  state.webhookConnected = { id, url: webhook.url, by, at: new Date().toISOString() }
  return noContent
}

const recordOf = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}

/** The account's webhooks as the fake SendGrid answers for them, over the demo's state. */
export function webhookAnswers(
  read: () => DemoState,
  change: (update: (state: DemoState) => FakeResponse) => FakeResponse,
) {
  return {
    listWebhooks: (): FakeResponse => listWebhooks(read()),
    createWebhook: (body: unknown) => change((state) => createWebhook(state, recordOf(body))),
    getWebhookKey: (id: string): FakeResponse => getWebhookKey(read(), id),
    signWebhook: (id: string, body: unknown) => change((state) => signWebhook(state, id, recordOf(body))),
    testWebhook: (body: unknown) => change((state) => testWebhook(state, recordOf(body))),
    webhookStatus: (url: string): FakeResponse => ok(webhookStatus(read(), url)),
    connectWebhook: (body: unknown, by: string) => change((state) => connectWebhook(state, recordOf(body).id, by)),
  }
}
