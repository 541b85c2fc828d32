// @ts-check
/**
 * Every SendGrid call the dashboard makes, and nothing else. The proxy forwards what this table lists, the client
 * builds its paths from it and the fake backend answers each entry, so a call cannot be added in one place and
 * forgotten in another. Paths are SendGrid's own templates (see its OpenAPI specs); `{name}` is one path segment.
 */

/** A query value the dashboard sends: a whole number of at most six digits. */
const COUNT = /^\d{1,6}$/

export const SENDGRID_ROUTES = /** @type {const} */ ([
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
])

/** @typedef {(typeof SENDGRID_ROUTES)[number]} SendGridRoute */
/** @typedef {SendGridRoute['id']} RouteId */

/** @param {RouteId} id */
export function routeById(id) {
  const route = SENDGRID_ROUTES.find((candidate) => candidate.id === id)
  if (!route) throw new Error(`No SendGrid route ${id}`)
  return route
}

/**
 * The path of one call: each `{name}` filled with its value encoded as one segment ("a b/c" → "a%20b%2Fc"), then
 * the query in the table's order.
 * @param {string} template
 * @param {Record<string, string>} [params]
 * @param {Record<string, string | number>} [query]
 */
export function fillPath(template, params = {}, query = {}) {
  const path = template.replace(/\{(\w+)\}/g, (_, name) => {
    const value = params[name]
    if (value === undefined) throw new Error(`${template} needs {${name}}`)
    return encodeURIComponent(value)
  })
  const search = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)])).toString()
  return search ? `${path}?${search}` : path
}

/** @typedef {{ ok: true, route: SendGridRoute, params: Record<string, string>, path: string }} Match */
/** @typedef {{ ok: false, status: 400 | 404 | 405, message: string, allow?: string[] }} Refusal */

/** @param {number} status @param {string} message @returns {Refusal} */
const refuse = (status, message) => /** @type {Refusal} */ ({ ok: false, status, message })

/** @param {string} text */
function decode(text) {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

/** A value that is, or walks through, `.` or `..` once a URL parser (here or upstream) resolves it. */
const DOT_STEP = /(^|[/\\])\.{1,2}([/\\]|$)/

/**
 * Checked decoded once and, in case something upstream decodes again, twice ("%252e%252e" is refused too).
 * @param {string} value a segment's value, decoded once
 */
function isDotStep(value) {
  const twice = decode(value) // undefined for a lone "%", as in "100%": nothing a second decoder could resolve
  return DOT_STEP.test(value) || (twice !== undefined && DOT_STEP.test(twice))
}

/**
 * Matches a raw request target (method and path as they arrived, still percent-encoded) against the table, and
 * returns the canonical path to send upstream, or why it is refused. Nothing in the target is normalised first:
 * whatever a URL parser would rewrite is refused instead.
 * @param {string} method
 * @param {string} target
 * @returns {Match | Refusal}
 */
export function matchRequest(method, target) {
  if (!target.startsWith('/') || target.startsWith('//')) return refuse(400, 'Only a path may be requested.')
  // Characters a URL parser rewrites or cuts at (backslash, fragment, parameters) and anything not plain ASCII.
  if (/[\\#;]|[^\x21-\x7e]/.test(target)) return refuse(400, 'The path has characters that are not allowed.')

  const queryAt = target.indexOf('?')
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt)
  const rawQuery = queryAt === -1 ? '' : target.slice(queryAt + 1)
  const segments = rawPath.slice(1).split('/')
  if (segments.includes('')) return refuse(400, 'The path has an empty segment.')

  const samePath = SENDGRID_ROUTES.filter((route) => {
    const parts = route.path.slice(1).split('/')
    return parts.length === segments.length && parts.every((part, i) => part.startsWith('{') || part === segments[i])
  })
  if (samePath.length === 0) return refuse(404, `${method} ${rawPath} is not a call this dashboard makes.`)
  const route = samePath.find((candidate) => candidate.method === method)
  if (!route) {
    return { ...refuse(405, `${method} is not allowed on ${rawPath}.`), allow: samePath.map((r) => r.method) }
  }

  /** @type {Record<string, string>} */
  const params = {}
  const parts = route.path.slice(1).split('/')
  for (const [i, part] of parts.entries()) {
    if (!part.startsWith('{')) continue
    const value = decode(/** @type {string} */ (segments[i]))
    if (value === undefined) return refuse(400, 'The path has a malformed percent-encoding.')
    if (isDotStep(value)) return refuse(400, 'The path has a "." or ".." step.')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    if (/[\x00-\x1f\x7f]/.test(value)) return refuse(400, 'The path has a control character.')
    params[part.slice(1, -1)] = value
  }

  const allowedQuery = 'query' in route ? route.query : {}
  /** @type {Record<string, string>} */
  const query = {}
  if (rawQuery) {
    for (const pair of rawQuery.split('&')) {
      const [rawName = '', rawValue = ''] = pair.split('=', 2)
      const name = decode(rawName)
      const value = decode(rawValue)
      const rule = name === undefined ? undefined : Object.entries(allowedQuery).find(([key]) => key === name)?.[1]
      if (name === undefined || value === undefined || !rule || name in query || !rule.test(value)) {
        return refuse(400, `The query parameter "${rawName}" is not one this call takes.`)
      }
      query[name] = value
    }
  }
  // In the table's order, so a request already in canonical form is sent exactly as it came.
  /** @type {Record<string, string>} */
  const ordered = {}
  for (const key of Object.keys(allowedQuery)) if (query[key] !== undefined) ordered[key] = query[key]
  return { ok: true, route, params, path: fillPath(route.path, params, ordered) }
}
