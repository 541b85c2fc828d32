/**
 * The same-origin proxy between the dashboard and SendGrid. SendGrid serves no CORS and an API key must never reach
 * a browser bundle, so the browser calls its own origin and this adds the key.
 *
 * `prepare` matches a request against the route table (match-request.ts) on its raw target and builds what would go
 * upstream: the canonical path the match produced, checked again on the URL that is actually sent, exactly the
 * headers listed below and a body re-serialised from the fields the call takes. `send` sends it and passes back only
 * a JSON answer. Anything else gets a JSON error and never leaves. Between the two the production server writes the
 * journal entry (plugins/proxy.ts); the dev server's middleware (`createSendGridProxy`) calls both in a row.
 */
import { readFileSync } from 'node:fs'
import { request as httpRequest, Agent as HttpAgent, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https'
import { dirname, join } from 'node:path'
import { describeChange, type ChangeSubject } from '../src/shared/activity.ts'
import type { ProxyStatus, SessionStatus } from '../src/shared/dashboard-api.ts'
import { STATUS_PATH } from '../src/shared/dashboard-api.ts'
import { MESSAGES, errorBody } from '../src/shared/messages.ts'
import type { BodyShape, RouteId } from '../src/shared/sendgrid-routes.ts'
import { isCrossSite } from './cross-site.ts'
import { matchRequest } from './match-request.ts'

export interface Answer {
  status: number
  headers: Record<string, string>
  body: string
  /** The call went out but no answer came back (a timeout, a dropped connection): it may have been done. */
  unanswered?: true
}

/** What is about to be forwarded: the table's route, the path values, the body's fields and the change they make. */
export interface ForwardedCall {
  routeId: RouteId
  params: Record<string, string>
  fields: Record<string, unknown>
  /** What the call changes, for the journal; undefined for a read. */
  change?: ChangeSubject
}

export interface Prepared {
  call: ForwardedCall
  method: string
  url: URL
  headers: Record<string, string>
  body?: string
}

export interface IncomingCall {
  method: string
  /** The target exactly as it arrived on the request line. */
  target: string
  headers: IncomingHttpHeaders
  body?: Buffer
}

export const LOCAL_SESSION: SessionStatus = { signInRequired: false, user: null, role: 'local' }
export const DEFAULT_UPSTREAM = 'https://api.sendgrid.com'
/** The largest body any call takes ({"name": 64 characters}, or a list of IPs) is far below this. */
export const MAX_BODY_BYTES = 16 * 1024
/** The largest answer passed back: a page of 500 IPs with their pools is well under it. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024

/** Who calls SendGrid, with which version: set here, so nothing of the browser's or the HTTP client's goes out. */
export const USER_AGENT = `ip-pools-dashboard/${packageVersion()}`

function packageVersion(): string {
  // The source (server/) and its build (build/server/) sit at different depths below package.json.
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
    } catch {
      if (dirname(dir) === dir) return 'unknown'
    }
  }
}

/** What SendGrid's answer may carry back to the browser; everything else, Set-Cookie included, stays behind. */
const PASSED_BACK = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after']

/**
 * SendGrid's Link header (paging), each URL made a same-origin path and kept only where it is a call of the table
 * with nothing but a rel: the browser follows these, so they must not lead anywhere else.
 */
export function sameOriginLinks(value: string, upstreamOrigin: string): string {
  const kept: string[] = []
  for (const part of value.split(',')) {
    const link = part.trim().match(/^<([^<>]*)>\s*;\s*rel="?([a-z]+)"?$/i)
    if (!link) continue
    let url
    try {
      url = new URL(link[1]!, upstreamOrigin)
    } catch {
      continue
    }
    const match = url.origin === upstreamOrigin ? matchRequest('GET', url.pathname + url.search) : undefined
    if (match?.ok) kept.push(`<${match.path}>; rel="${link[2]}"`)
  }
  return kept.join(', ')
}

/** Whether a request target is the proxy's to answer (refused or forwarded), rather than the app's. */
export function isProxyPath(target: string): boolean {
  return /^\/v3(\/|\?|$)/i.test(target) || target.split('?')[0] === STATUS_PATH
}

export function errorAnswer(status: number, message: string, headers: Record<string, string> = {}): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(errorBody(message)),
  }
}

function bearerKey(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  return value?.match(/^Bearer\s+(\S+)$/i)?.[1]
}

/** A list of IPs in a body: at most this many, each at most this long (an IPv6 address is 45 characters). */
const MAX_LIST_ITEMS = 5000
const MAX_LIST_ITEM_LENGTH = 64

/** The body a call takes, rebuilt from what the table says it holds. Nothing else is forwarded. */
function checkedBody(
  shape: BodyShape | undefined,
  headers: IncomingHttpHeaders,
  body: Buffer | undefined,
): { ok: true; json?: string; fields: Record<string, unknown> } | { ok: false; answer: Answer } {
  const empty = !body || body.length === 0
  if (!shape)
    return empty ? { ok: true, fields: {} } : { ok: false, answer: errorAnswer(400, 'This call takes no body.') }
  if (!/^application\/json(\s*;\s*charset=utf-8)?$/i.test(headers['content-type'] ?? '')) {
    return { ok: false, answer: errorAnswer(415, 'The body must be JSON (Content-Type: application/json).') }
  }
  if (body && body.length > MAX_BODY_BYTES) return { ok: false, answer: errorAnswer(413, 'The body is too large.') }
  let parsed: unknown
  try {
    parsed = JSON.parse(body?.toString('utf8') ?? '')
  } catch {
    return { ok: false, answer: errorAnswer(400, 'The body is not valid JSON.') }
  }
  if (shape === 'ip-list') {
    const valid =
      Array.isArray(parsed) &&
      parsed.length <= MAX_LIST_ITEMS &&
      parsed.every((item) => typeof item === 'string' && item.length <= MAX_LIST_ITEM_LENGTH)
    if (!valid) return { ok: false, answer: errorAnswer(400, 'The body must be a list of IP addresses.') }
    return { ok: true, json: JSON.stringify(parsed), fields: { ips: parsed } }
  }
  const object = parsed as Record<string, unknown>
  const valid =
    object !== null &&
    typeof object === 'object' &&
    !Array.isArray(object) &&
    Object.entries(object).every(([name, value]) => Object.hasOwn(shape, name) && typeof value === shape[name])
  if (!valid) {
    const fields = Object.entries(shape).map(([name, type]) => `${name} (${type})`)
    return { ok: false, answer: errorAnswer(400, `The body must be an object with only ${fields.join(', ')}.`) }
  }
  const kept = Object.fromEntries(
    Object.keys(shape).flatMap((field) => (field in object ? [[field, object[field]]] : [])),
  )
  return { ok: true, json: JSON.stringify(kept), fields: kept }
}

export interface ForwarderOptions {
  /** A key configured on the server; it wins over one a user pastes in the browser. */
  apiKey?: string
  /** SendGrid's base URL (https://api.eu.sendgrid.com for EU accounts, or a stand-in). */
  upstream?: string
  timeoutMs?: number
}

export function createForwarder({ apiKey, upstream = DEFAULT_UPSTREAM, timeoutMs = 30_000 }: ForwarderOptions = {}) {
  const upstreamUrl = new URL(upstream)
  const upstreamOrigin = upstreamUrl.origin
  const upstreamHost = upstreamUrl.host
  const serverKey = apiKey?.trim() || undefined
  const secure = upstreamUrl.protocol === 'https:'
  // node:http rather than fetch: fetch adds headers of its own (user-agent, accept-language, sec-fetch-mode,
  // accept-encoding), and only the ones listed in `prepare` may go out.
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true })
  const send = secure ? httpsRequest : httpRequest

  /** What the app learns from the server: the host it forwards to, whether it holds the key, who is asking. */
  const status = (session: SessionStatus = LOCAL_SESSION): ProxyStatus => ({
    keyOnServer: Boolean(serverKey),
    apiHost: upstreamHost,
    session,
  })

  /** The call as it would go out, or the answer that refuses it. */
  function prepare({ method, target, headers, body }: IncomingCall): Prepared | Answer {
    const match = matchRequest(method, target)
    if (!match.ok) return errorAnswer(match.status, match.message, match.allow ? { allow: match.allow.join(', ') } : {})
    if (isCrossSite(headers)) return errorAnswer(403, MESSAGES.crossSite)
    const key = serverKey ?? bearerKey(headers.authorization)
    if (!key) return errorAnswer(401, 'No API key: connect with a SendGrid API key.')
    const checked = checkedBody('body' in match.route ? match.route.body : undefined, headers, body)
    if (!checked.ok) return checked.answer

    // The match runs again on the very URL that goes out; a parser that rewrote anything would show here.
    const url = new URL(match.path, upstreamOrigin)
    const sent = url.pathname + url.search
    const recheck = matchRequest(method, sent)
    if (url.origin !== upstreamOrigin || sent !== match.path || !recheck.ok || recheck.path !== sent) {
      return errorAnswer(400, 'The path cannot be forwarded as it is.')
    }

    const upstreamHeaders: Record<string, string> = {
      Authorization: `Bearer ${key}`,
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
    }
    if (checked.json !== undefined) {
      upstreamHeaders['Content-Type'] = 'application/json'
      upstreamHeaders['Content-Length'] = String(Buffer.byteLength(checked.json))
    }
    const change = describeChange(match.route.id, match.params, checked.fields)
    return {
      call: { routeId: match.route.id, params: match.params, fields: checked.fields, ...(change ? { change } : {}) },
      method,
      url,
      headers: upstreamHeaders,
      ...(checked.json !== undefined ? { body: checked.json } : {}),
    }
  }

  /** Sends a prepared call and gives back SendGrid's answer, if it is one the browser may have. */
  async function forward(prepared: Prepared): Promise<Answer> {
    let answer: { status: number; headers: IncomingHttpHeaders; body: Buffer }
    try {
      answer = await exchange(prepared)
    } catch (failure) {
      if (failure instanceof Error && failure.name === 'TimeoutError') {
        const said = `SendGrid (${upstreamHost}) did not answer within ${timeoutMs / 1000} seconds.`
        return { ...errorAnswer(502, said), unanswered: true }
      }
      if (failure instanceof Error && failure.name === 'AnswerTooLarge')
        return errorAnswer(502, `SendGrid (${upstreamHost}) sent an answer too large to pass on.`)
      // The network's reason (ECONNREFUSED, ENOTFOUND…) tells an administrator where to look.
      const reason = (failure as { code?: string } | undefined)?.code
      const said = `SendGrid (${upstreamHost}) could not be reached${reason ? ` (${reason})` : ''}.`
      // Refused or not found: nothing was sent. Reset mid-way: it may have been done.
      return reason === 'ECONNRESET' ? { ...errorAnswer(502, said), unanswered: true } : errorAnswer(502, said)
    }
    if (answer.status >= 300 && answer.status < 400) {
      return errorAnswer(502, `SendGrid (${upstreamHost}) answered with a redirect, which is not followed.`)
    }

    const passed: Record<string, string> = {}
    for (const name of PASSED_BACK) {
      const value = answer.headers[name]
      if (typeof value === 'string') passed[name] = value
    }
    const link = answer.headers.link
    const links = typeof link === 'string' ? sameOriginLinks(link, upstreamOrigin) : ''
    if (links) passed.link = links

    const text = answer.body.toString('utf8')
    if (text.trim() === '') return { status: answer.status, headers: passed, body: '' }
    // Only JSON goes back, and as JSON: an HTML page from anywhere upstream must not be served from this origin.
    if (!isJson(answer.headers['content-type'], text)) return errorAnswer(502, MESSAGES.upstreamUnexpected, passed)
    // The key goes to SendGrid and nowhere else, even should an answer quote it.
    const key = prepared.headers.Authorization!.slice('Bearer '.length)
    const body = text.split(key).join('[API key]')
    return { status: answer.status, headers: { ...passed, 'content-type': 'application/json' }, body }
  }

  function exchange({ method, url, headers, body }: Prepared) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((done, fail) => {
      const outgoing = send(url, { method, headers, agent, signal: AbortSignal.timeout(timeoutMs) }, (incoming) => {
        const chunks: Buffer[] = []
        let size = 0
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_ANSWER_BYTES) {
            incoming.destroy(Object.assign(new Error('answer too large'), { name: 'AnswerTooLarge' }))
          } else chunks.push(chunk)
        })
        incoming.on('error', fail)
        incoming.on('end', () =>
          done({ status: incoming.statusCode ?? 502, headers: incoming.headers, body: Buffer.concat(chunks) }),
        )
      })
      outgoing.on('error', (error) => fail(error.name === 'AbortError' && error.cause ? error.cause : error))
      outgoing.end(body)
    })
  }

  return { prepare, forward, status, close: () => agent.destroy() }
}

export type Forwarder = ReturnType<typeof createForwarder>

function isJson(contentType: string | string[] | undefined, text: string): boolean {
  if (typeof contentType !== 'string' || !/^application\/(.+\+)?json\s*(;|$)/i.test(contentType)) return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** The server's status is only read: another method is told so, not that the address does not exist. */
export function statusOnlyRead(method: string): Answer {
  return errorAnswer(405, `${method} is not allowed on ${STATUS_PATH}.`, { allow: 'GET, HEAD' })
}
