/**
 * Every SendGrid call the dashboard makes, and nothing else. The server's proxy forwards what this table lists, the
 * client builds its paths from it and the fake backend answers each entry, so a call cannot be added in one place
 * and forgotten in another. Paths are SendGrid's own templates (see its OpenAPI specs); `{name}` is one segment.
 */

/** A query value the dashboard sends: a whole number of at most six digits. */
const COUNT = /^\d{1,6}$/

/** What a call's body holds: a JSON object of these fields and types, or ("ip-list") a JSON array of short strings. */
export type BodyShape = Readonly<Record<string, 'string' | 'boolean'>> | 'ip-list'

/** The events a webhook made here turns on: what the delivery figures count (SendGrid spells spam "spam_report"). */
export const WEBHOOK_EVENTS = [
  'processed',
  'delivered',
  'deferred',
  'bounce',
  'dropped',
  'spam_report',
  'open',
  'click',
] as const
const WEBHOOK_EVENT_FIELDS = Object.fromEntries(WEBHOOK_EVENTS.map((event) => [event, 'boolean'])) as Record<
  (typeof WEBHOOK_EVENTS)[number],
  'boolean'
>

export const SENDGRID_ROUTES = [
  { id: 'scopes', method: 'GET', path: '/v3/scopes' },
  { id: 'listPools', method: 'GET', path: '/v3/ips/pools' },
  { id: 'createPool', method: 'POST', path: '/v3/ips/pools', body: { name: 'string' } },
  { id: 'getPool', method: 'GET', path: '/v3/ips/pools/{pool_name}' },
  { id: 'renamePool', method: 'PUT', path: '/v3/ips/pools/{pool_name}', body: { name: 'string' } },
  { id: 'deletePool', method: 'DELETE', path: '/v3/ips/pools/{pool_name}' },
  { id: 'addPoolIp', method: 'POST', path: '/v3/ips/pools/{pool_name}/ips', body: { ip: 'string' } },
  { id: 'removePoolIp', method: 'DELETE', path: '/v3/ips/pools/{pool_name}/ips/{ip}' },
  { id: 'listIps', method: 'GET', path: '/v3/ips', query: { limit: COUNT, offset: COUNT } },
  { id: 'startWarmup', method: 'POST', path: '/v3/ips/warmup', body: { ip: 'string' } },
  { id: 'stopWarmup', method: 'DELETE', path: '/v3/ips/warmup/{ip_address}' },
  { id: 'listReverseDns', method: 'GET', path: '/v3/whitelabel/ips', query: { limit: COUNT, offset: COUNT } },
  { id: 'validateReverseDns', method: 'POST', path: '/v3/whitelabel/ips/{id}/validate' },
  { id: 'listSubusers', method: 'GET', path: '/v3/subusers', query: { limit: COUNT, offset: COUNT } },
  // The body is the subuser's whole list of IPs, which it replaces.
  { id: 'setSubuserIps', method: 'PUT', path: '/v3/subusers/{subuser_name}/ips', body: 'ip-list' },
  // The Event Webhook, for the delivery figures: the account's webhooks (several; one is never overwritten), a new
  // one, its signing (which answers with its public key), and SendGrid's test event.
  { id: 'listWebhooks', method: 'GET', path: '/v3/user/webhooks/event/settings/all' },
  {
    id: 'createWebhook',
    method: 'POST',
    path: '/v3/user/webhooks/event/settings',
    body: { url: 'string', enabled: 'boolean', friendly_name: 'string', ...WEBHOOK_EVENT_FIELDS },
  },
  // Read by the dashboard's server itself once an admin connects a webhook: its key comes from SendGrid, not a browser.
  { id: 'getWebhookKey', method: 'GET', path: '/v3/user/webhooks/event/settings/signed/{id}' },
  {
    id: 'signWebhook',
    method: 'PATCH',
    path: '/v3/user/webhooks/event/settings/signed/{id}',
    body: { enabled: 'boolean' },
  },
  { id: 'testWebhook', method: 'POST', path: '/v3/user/webhooks/event/test', body: { url: 'string', id: 'string' } },
] as const satisfies readonly {
  id: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: `/v3${string}`
  body?: BodyShape
  query?: Readonly<Record<string, RegExp>>
}[]

export type SendGridRoute = (typeof SENDGRID_ROUTES)[number]
export type RouteId = SendGridRoute['id']

export function routeById<Id extends RouteId>(id: Id): Extract<SendGridRoute, { id: Id }> {
  const route = SENDGRID_ROUTES.find((candidate) => candidate.id === id)
  if (!route) throw new Error(`No SendGrid route ${id}`)
  return route as Extract<SendGridRoute, { id: Id }>
}

/**
 * The path of one call: each `{name}` filled with its value encoded as one segment ("a b/c" → "a%20b%2Fc"), then
 * the query in the given order.
 */
export function fillPath(
  template: string,
  params: Record<string, string> = {},
  query: Record<string, string | number> = {},
): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`${template} needs {${name}}`)
    return encodeURIComponent(value)
  })
  const search = new URLSearchParams(
    Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString()
  return search ? `${path}?${search}` : path
}
