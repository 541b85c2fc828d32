// @ts-check
/**
 * The same-origin proxy between the dashboard and SendGrid. SendGrid serves no CORS and an API key must never
 * reach a browser bundle, so the browser calls its own origin and this adds the key.
 *
 * Every request is matched against the route table (routes.js) on its raw target; what goes upstream is the
 * canonical path the match produced, checked again on the URL that is actually sent, with only the headers the call
 * needs and a body re-serialised from the fields the call takes. Anything else gets a JSON error and never leaves.
 * `createForwarder` is framework-free; `createSendGridProxy` wraps it as connect-style middleware (Vite's dev
 * server), and server/app.js mounts it in the production server.
 */
import { matchRequest } from './routes.js'

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {import('node:http').IncomingHttpHeaders} Headers */
/** @typedef {{ status: number, headers: Record<string, string>, body: string, call?: ForwardedCall }} Answer */
/**
 * What was forwarded, for the journal: the table's route, the path values and the body's fields.
 * @typedef {{ routeId: string, params: Record<string, string>, fields: Record<string, unknown> }} ForwardedCall
 */
/**
 * Who is signed in, for /proxy/status; without sign-in everyone is "local".
 * @typedef {{ signInRequired: boolean, user: { email: string, name?: string } | null, role: string, ended?: boolean }} SessionStatus
 */
export const LOCAL_SESSION = /** @type {SessionStatus} */ ({ signInRequired: false, user: null, role: 'local' })

export const DEFAULT_UPSTREAM = 'https://api.sendgrid.com'
export const STATUS_PATH = '/proxy/status'
/** The largest body any call takes ({"name": 64 characters}) is far below this. */
export const MAX_BODY_BYTES = 16 * 1024

/** What SendGrid's answer may carry back to the browser; everything else, Set-Cookie included, stays behind. */
const PASSED_BACK = ['content-type', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after']

/**
 * SendGrid's Link header (paging), each URL made a same-origin path and kept only where it is a call of the table
 * with nothing but a rel: the browser follows these, so they must not lead anywhere else.
 * @param {string} value
 * @param {string} upstreamOrigin
 */
export function sameOriginLinks(value, upstreamOrigin) {
  /** @type {string[]} */
  const kept = []
  for (const part of value.split(',')) {
    const link = part.trim().match(/^<([^<>]*)>\s*;\s*rel="?([a-z]+)"?$/i)
    if (!link) continue
    let url
    try {
      url = new URL(/** @type {string} */ (link[1]), upstreamOrigin)
    } catch {
      continue
    }
    const match = url.origin === upstreamOrigin ? matchRequest('GET', url.pathname + url.search) : undefined
    if (match?.ok) kept.push(`<${match.path}>; rel="${link[2]}"`)
  }
  return kept.join(', ')
}

/** Whether a request target is the proxy's to answer (refused or forwarded), rather than the app's. */
export function isProxyPath(/** @type {string} */ target) {
  return /^\/v3(\/|\?|$)/i.test(target) || target.split('?')[0] === STATUS_PATH
}

/**
 * A request from another site (a page elsewhere driving a victim's browser) must not use the server's key.
 * @param {Headers} headers
 */
export function isCrossSite(headers) {
  // A browser that says where a request comes from is believed; it cannot be made to lie by a page.
  const site = headers['sec-fetch-site']
  if (site) return site !== 'same-origin' && site !== 'none'
  // Otherwise the Origin, when there is one. "null" (a sandboxed or no-referrer page) names no site: refused.
  const origin = headers.origin
  if (!origin) return false
  try {
    return new URL(origin).host !== headers.host
  } catch {
    return true
  }
}

/** @param {number} status @param {string} message @param {Record<string, string>} [headers] @returns {Answer} */
function error(status, message, headers = {}) {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ errors: [{ field: null, message }] }),
  }
}

/** @param {string | string[] | undefined} header */
function bearerKey(header) {
  const value = Array.isArray(header) ? header[0] : header
  const match = value?.match(/^Bearer\s+(\S+)$/i)
  return match ? match[1] : undefined
}

/** A list of IPs in a body: at most this many, each at most this long (an IPv6 address is 45 characters). */
const MAX_LIST_ITEMS = 5000
const MAX_LIST_ITEM_LENGTH = 64

/**
 * The body a call takes, rebuilt from what the table says it holds: a JSON object of the named string fields, or
 * ("ip-list") a JSON array of short strings. Nothing else is forwarded.
 * @param {readonly string[] | 'ip-list' | undefined} shape
 * @param {Headers} headers
 * @param {Buffer | undefined} body
 * @returns {{ ok: true, json?: string, fields: Record<string, unknown> } | { ok: false, answer: Answer }}
 */
function checkedBody(shape, headers, body) {
  const empty = !body || body.length === 0
  if (!shape) return empty ? { ok: true, fields: {} } : { ok: false, answer: error(400, 'This call takes no body.') }
  if (!/^application\/json(\s*;\s*charset=utf-8)?$/i.test(headers['content-type'] ?? '')) {
    return { ok: false, answer: error(415, 'The body must be JSON (Content-Type: application/json).') }
  }
  if (body && body.length > MAX_BODY_BYTES) return { ok: false, answer: error(413, 'The body is too large.') }
  let parsed
  try {
    parsed = JSON.parse(body?.toString('utf8') ?? '')
  } catch {
    return { ok: false, answer: error(400, 'The body is not valid JSON.') }
  }
  if (shape === 'ip-list') {
    const valid =
      Array.isArray(parsed) &&
      parsed.length <= MAX_LIST_ITEMS &&
      parsed.every((item) => typeof item === 'string' && item.length <= MAX_LIST_ITEM_LENGTH)
    if (!valid) return { ok: false, answer: error(400, 'The body must be a list of IP addresses.') }
    return { ok: true, json: JSON.stringify(parsed), fields: { ips: parsed } }
  }
  const valid =
    parsed !== null &&
    typeof parsed === 'object' &&
    !Array.isArray(parsed) &&
    Object.entries(parsed).every(([name, value]) => shape.includes(name) && typeof value === 'string')
  if (!valid) return { ok: false, answer: error(400, `The body must be an object with only ${shape.join(', ')}.`) }
  const kept = Object.fromEntries(shape.flatMap((f) => (f in parsed ? [[f, parsed[f]]] : [])))
  return { ok: true, json: JSON.stringify(kept), fields: kept }
}

/**
 * @param {object} options
 * @param {string} [options.apiKey] a key configured on the server; it wins over one a user pastes in the browser
 * @param {string} [options.upstream] SendGrid's base URL (https://api.eu.sendgrid.com for EU accounts, or a mock)
 * @param {number} [options.timeoutMs]
 */
export function createForwarder({ apiKey, upstream = DEFAULT_UPSTREAM, timeoutMs = 30_000 } = {}) {
  const upstreamOrigin = new URL(upstream).origin
  const upstreamHost = new URL(upstream).host
  const serverKey = apiKey?.trim() || undefined

  /** What the app learns from the server: the host it forwards to, whether it holds the key, who is asking. */
  const status = (session = LOCAL_SESSION) => ({ keyOnServer: Boolean(serverKey), apiHost: upstreamHost, session })

  /**
   * @param {{ method: string, target: string, headers: Headers, body?: Buffer, session?: SessionStatus }} request
   *   the target exactly as it arrived on the request line
   * @returns {Promise<Answer>}
   */
  async function forward({ method, target, headers, body, session = LOCAL_SESSION }) {
    if (target.split('?')[0] === STATUS_PATH) {
      if (method !== 'GET') return error(405, `${method} is not allowed on ${STATUS_PATH}.`, { allow: 'GET' })
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(status(session)) }
    }

    const match = matchRequest(method, target)
    if (!match.ok) return error(match.status, match.message, match.allow ? { allow: match.allow.join(', ') } : {})
    if (isCrossSite(headers)) return error(403, 'Cross-site requests are refused.')
    const key = serverKey ?? bearerKey(headers.authorization)
    if (!key) return error(401, 'No API key: connect with a SendGrid API key.')
    const checked = checkedBody('body' in match.route ? match.route.body : undefined, headers, body)
    if (!checked.ok) return checked.answer

    // The match runs again on the very URL that goes out; a parser that rewrote anything would show here.
    const url = new URL(match.path, upstreamOrigin)
    const sent = url.pathname + url.search
    const recheck = matchRequest(method, sent)
    if (url.origin !== upstreamOrigin || sent !== match.path || !recheck.ok || recheck.path !== sent) {
      return error(400, 'The path cannot be forwarded as it is.')
    }

    /** @type {Record<string, string>} */
    const upstreamHeaders = { Accept: 'application/json', Authorization: `Bearer ${key}` }
    if (checked.json !== undefined) upstreamHeaders['Content-Type'] = 'application/json'

    let answer
    try {
      answer = await fetch(url, {
        method,
        headers: upstreamHeaders,
        body: checked.json,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (failure) {
      if (failure instanceof Error && failure.name === 'TimeoutError')
        return error(502, `SendGrid (${upstreamHost}) did not answer within ${timeoutMs / 1000} seconds.`)
      // The network's reason (ECONNREFUSED, ENOTFOUND…) tells an administrator where to look.
      const cause = /** @type {{ code?: string, message?: string } | undefined} */ (
        failure instanceof Error ? failure.cause : undefined
      )
      const reason = cause?.code ?? cause?.message
      return error(502, `SendGrid (${upstreamHost}) could not be reached${reason ? ` (${reason})` : ''}.`)
    }
    if (answer.status >= 300 && answer.status < 400) {
      return error(502, `SendGrid (${upstreamHost}) answered with a redirect, which is not followed.`)
    }

    /** @type {Record<string, string>} */
    const passed = {}
    for (const name of PASSED_BACK) {
      const value = answer.headers.get(name)
      if (value !== null) passed[name] = value
    }
    const link = answer.headers.get('link')
    const links = link ? sameOriginLinks(link, upstreamOrigin) : ''
    if (links) passed.link = links
    // The key goes to SendGrid and nowhere else, even should an answer quote it.
    const text = (await answer.text()).split(key).join('[API key]')
    const call = { routeId: match.route.id, params: match.params, fields: checked.fields }
    return { status: answer.status, headers: passed, body: text, call }
  }

  return { forward, status }
}

/** @param {Request} req */
async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = []
  let size = 0
  for await (const chunk of req) {
    // Once over the limit the forwarder refuses the body, so the rest is read but not kept.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    size += chunk.length
  }
  return Buffer.concat(chunks)
}

/**
 * Connect-style `(req, res, next)` middleware around the forwarder, for Vite's dev server or any Node server.
 * @param {Parameters<typeof createForwarder>[0]} [options]
 * @returns {(req: Request, res: Response, next: () => void) => Promise<void>}
 */
export function createSendGridProxy(options = {}) {
  const { forward } = createForwarder(options)
  return async function sendGridProxy(req, res, next) {
    const target = req.url ?? '/'
    if (!isProxyPath(target)) return next()
    const method = req.method ?? 'GET'
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req)
    const answer = await forward({ method, target, headers: req.headers, body })
    res.writeHead(answer.status, { ...answer.headers, 'cache-control': 'no-store' })
    res.end(answer.body)
  }
}
