// @ts-check
/**
 * The same-origin proxy between the dashboard and SendGrid. SendGrid serves no CORS and an API key must never
 * reach a browser bundle, so the browser calls its own origin and this adds the key. Connect-style
 * `(req, res, next)`: mount it in Vite's dev and preview servers, in Express, or in a plain `http.createServer`.
 *
 * It forwards only the calls the dashboard makes, refuses cross-site requests, passes SendGrid's rate-limit
 * headers back, and answers a JSON error of its own when SendGrid cannot be reached. It never logs the key.
 */

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

export const DEFAULT_UPSTREAM = 'https://api.sendgrid.com'
export const STATUS_PATH = '/proxy/status'

const SEGMENT = '[^/]+'
/** Every call the dashboard makes, and nothing else. */
const ALLOWED = [
  ['GET', '/v3/scopes'],
  ['GET', '/v3/ips'],
  ['GET', '/v3/ips/assigned'],
  ['GET', '/v3/ips/remaining'],
  ['GET|POST', '/v3/ips/pools'],
  ['GET|PUT|DELETE', `/v3/ips/pools/${SEGMENT}`],
  ['POST', `/v3/ips/pools/${SEGMENT}/ips`],
  ['DELETE', `/v3/ips/pools/${SEGMENT}/ips/${SEGMENT}`],
  ['GET|POST', '/v3/ips/warmup'],
  ['GET|DELETE', `/v3/ips/warmup/${SEGMENT}`],
  ['GET', `/v3/ips/${SEGMENT}`],
].map(([methods, path]) => ({ methods: methods.split('|'), pattern: new RegExp(`^${path}$`) }))

/** What SendGrid's answer may carry back to the browser; everything else, hop-by-hop headers included, stays. */
const PASSED_BACK = ['content-type', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after']

/**
 * @param {string} method
 * @param {string} rawPath the path as the browser sent it, still percent-encoded and not yet normalised
 */
export function isAllowed(method, rawPath) {
  // "." and ".." (also as %2e) would be resolved by a URL parser into some other path: refuse them outright.
  if (rawPath.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) return false
  return ALLOWED.some(({ methods, pattern }) => methods.includes(method) && pattern.test(rawPath))
}

/**
 * A request from another site (a page elsewhere driving a victim's browser) must not use the server's key.
 * @param {Request} req
 */
export function isCrossSite(req) {
  const site = req.headers['sec-fetch-site']
  if (site && site !== 'same-origin' && site !== 'none') return true
  const origin = req.headers.origin
  if (!origin) return false
  try {
    return new URL(origin).host !== req.headers.host
  } catch {
    return true
  }
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {string} message
 */
function sendError(res, status, message) {
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json')
  res.setHeader('Cache-Control', 'no-store')
  res.end(JSON.stringify({ errors: [{ field: null, message }] }))
}

/** @param {Request} req */
async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** @param {string | string[] | undefined} header */
function bearerKey(header) {
  const value = Array.isArray(header) ? header[0] : header
  const match = value?.match(/^Bearer\s+(\S+)$/i)
  return match ? match[1] : undefined
}

/**
 * @param {object} options
 * @param {string} [options.apiKey] a key configured on the server; it wins over one a user pastes in the browser
 * @param {string} [options.upstream] SendGrid's base URL (https://api.eu.sendgrid.com for EU accounts, or a mock)
 * @param {number} [options.timeoutMs]
 * @returns {(req: Request, res: Response, next: () => void) => Promise<void>}
 */
export function createSendGridProxy({ apiKey, upstream = DEFAULT_UPSTREAM, timeoutMs = 30_000 } = {}) {
  const upstreamUrl = new URL(upstream)
  const serverKey = apiKey?.trim() || undefined

  return async function sendGridProxy(req, res, next) {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid')
    const method = req.method ?? 'GET'

    if (url.pathname === STATUS_PATH && method === 'GET') {
      res.setHeader('Content-Type', 'application/json')
      res.setHeader('Cache-Control', 'no-store')
      res.end(JSON.stringify({ keyOnServer: Boolean(serverKey), apiHost: upstreamUrl.host }))
      return
    }
    if (url.pathname !== '/v3' && !url.pathname.startsWith('/v3/')) return next()

    const rawPath = (req.url ?? '/').split('?')[0] ?? '/'
    if (!isAllowed(method, rawPath)) return sendError(res, 404, `${method} ${url.pathname} is not forwarded.`)
    if (isCrossSite(req)) return sendError(res, 403, 'Cross-site requests are refused.')
    const key = serverKey ?? bearerKey(req.headers.authorization)
    if (!key) return sendError(res, 401, 'No API key: connect with a SendGrid API key.')

    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json', Authorization: `Bearer ${key}` }
    const contentType = req.headers['content-type']
    if (contentType) headers['Content-Type'] = contentType
    const body = method === 'GET' || method === 'DELETE' ? undefined : await readBody(req)

    let answer
    try {
      answer = await fetch(new URL(url.pathname + url.search, upstreamUrl), {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError'
      if (timedOut)
        return sendError(res, 502, `SendGrid (${upstreamUrl.host}) did not answer within ${timeoutMs / 1000} seconds.`)
      // The network's reason (ECONNREFUSED, ENOTFOUND…) tells an administrator where to look.
      const cause = /** @type {{ code?: string, message?: string } | undefined} */ (
        error instanceof Error ? error.cause : undefined
      )
      const reason = cause?.code ?? cause?.message
      return sendError(res, 502, `SendGrid (${upstreamUrl.host}) could not be reached${reason ? ` (${reason})` : ''}.`)
    }

    res.statusCode = answer.status
    for (const name of PASSED_BACK) {
      const value = answer.headers.get(name)
      if (value !== null) res.setHeader(name, value)
    }
    res.setHeader('Cache-Control', 'no-store')
    const text = await answer.text()
    // The key goes to SendGrid and nowhere else, even should an answer quote it.
    res.end(text.split(key).join('[API key]'))
  }
}
