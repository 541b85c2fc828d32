/**
 * Every SendGrid call the dashboard makes, and nothing else. The server's proxy forwards what this table lists, the
 * client builds its paths from it and the fake backend answers each entry, so a call cannot be added in one place
 * and forgotten in another. Paths are SendGrid's own templates (see its OpenAPI specs); `{name}` is one segment.
 */

/** A query value the dashboard sends: a whole number of at most six digits. */
const COUNT = /^\d{1,6}$/

/** What a call's body holds: a JSON object of these string fields, or ("ip-list") a JSON array of short strings. */
export type BodyShape = readonly string[] | 'ip-list'

export const SENDGRID_ROUTES = [
  { id: 'scopes', method: 'GET', path: '/v3/scopes' },
  { id: 'listPools', method: 'GET', path: '/v3/ips/pools' },
  { id: 'createPool', method: 'POST', path: '/v3/ips/pools', body: ['name'] },
  { id: 'getPool', method: 'GET', path: '/v3/ips/pools/{pool_name}' },
  { id: 'renamePool', method: 'PUT', path: '/v3/ips/pools/{pool_name}', body: ['name'] },
  { id: 'deletePool', method: 'DELETE', path: '/v3/ips/pools/{pool_name}' },
  { id: 'addPoolIp', method: 'POST', path: '/v3/ips/pools/{pool_name}/ips', body: ['ip'] },
  { id: 'removePoolIp', method: 'DELETE', path: '/v3/ips/pools/{pool_name}/ips/{ip}' },
  { id: 'listIps', method: 'GET', path: '/v3/ips', query: { limit: COUNT, offset: COUNT } },
  { id: 'startWarmup', method: 'POST', path: '/v3/ips/warmup', body: ['ip'] },
  { id: 'stopWarmup', method: 'DELETE', path: '/v3/ips/warmup/{ip_address}' },
  { id: 'listReverseDns', method: 'GET', path: '/v3/whitelabel/ips', query: { limit: COUNT, offset: COUNT } },
  { id: 'validateReverseDns', method: 'POST', path: '/v3/whitelabel/ips/{id}/validate' },
  { id: 'listSubusers', method: 'GET', path: '/v3/subusers', query: { limit: COUNT, offset: COUNT } },
  // The body is the subuser's whole list of IPs, which it replaces.
  { id: 'setSubuserIps', method: 'PUT', path: '/v3/subusers/{subuser_name}/ips', body: 'ip-list' },
] as const satisfies readonly {
  id: string
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
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
