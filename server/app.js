// @ts-check
/**
 * The production server: the built app from dist/, the SendGrid proxy, sign-in and roles where configured, the
 * activity journal, a health check and one JSON access-log line per request. Fastify, for its encapsulated body parsing (the proxy reads raw bytes, nothing else takes a body),
 * its request-aware close (in-flight requests finish, new ones get 503) and its JSON logger.
 */
import { readFile } from 'node:fs/promises'
import { isIP } from 'node:net'
import { resolve } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import Fastify, { LogController } from 'fastify'
import { describeChange, sendGridMessage } from './activity.js'
import { openJournal } from './journal.js'
import { SECURITY_HEADERS } from './security-headers.js'
import { MAX_BODY_BYTES, STATUS_PATH, createForwarder, isCrossSite, isProxyPath } from './sendgrid-proxy.js'
import { createSessions } from './sessions.js'
import { createSignIn, roleOf } from './sign-in.js'

/** @typedef {import('fastify').FastifyRequest} FastifyRequest */
/** @typedef {import('fastify').FastifyReply} FastifyReply */

export const DEFAULT_DIST = resolve(import.meta.dirname, '..', 'dist')
const YEAR_SECONDS = 365 * 24 * 60 * 60

/**
 * Whether the Host header names this server. Loopback names and IP literals cannot be re-pointed by DNS; any other
 * name must be listed, so a page on another site cannot rebind its own name to this server and use the key.
 * @param {string | undefined} host
 * @param {readonly string[]} allowedHosts
 */
export function isAllowedHost(host, allowedHosts) {
  if (!host) return false
  let hostname
  try {
    hostname = new URL(`http://${host}`).hostname.toLowerCase()
  } catch {
    return false
  }
  const bare = hostname.replace(/^\[|\]$/g, '')
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    isIP(bare) !== 0 ||
    allowedHosts.some((allowed) => allowed.toLowerCase() === hostname)
  )
}

/** @param {string} url */
const pathOf = (url) => url.split('?')[0] ?? url

/**
 * @param {FastifyReply} reply
 * @param {number} status
 * @param {string} message
 * @param {string} [code] for the app to act on: session_ended, signed_out, viewer
 */
function sendError(reply, status, message, code) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json')
    .send({ errors: [{ field: null, message }], ...(code ? { code } : {}) })
}

export const SESSION_ENDED = 'Your session ended: sign in again.'
export const VIEWER_REFUSED = 'You can view; changes need an admin.'

/**
 * @param {object} options
 * @param {string} [options.apiKey]
 * @param {string} [options.upstream]
 * @param {number} [options.upstreamTimeoutMs]
 * @param {string} [options.distDir]
 * @param {readonly string[]} [options.allowedHosts] public names the dashboard is served as (DASHBOARD_HOSTS)
 * @param {string} options.dataDir where the activity journal is kept
 * @param {import('./config.js').Config['signIn']} [options.signIn] OpenID Connect settings; none: one local user
 * @param {import('node:stream').Writable} [options.logStream] where the JSON log lines go (stdout by default)
 */
export async function buildServer({
  apiKey,
  upstream,
  upstreamTimeoutMs,
  distDir = DEFAULT_DIST,
  allowedHosts = [],
  dataDir,
  signIn,
  logStream,
}) {
  const app = Fastify({
    logger: {
      level: 'info',
      base: undefined,
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      ...(logStream ? { stream: logStream } : {}),
    },
    // One access-log line of our own per request (onResponse below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Without a reverse proxy in front, a client must not hold a request open forever.
    requestTimeout: 30_000,
    // A pool name of 64 letters outside ASCII is up to 768 characters once percent-encoded.
    routerOptions: { maxParamLength: 2048 },
    return503OnClosing: true,
    // Every framework-level refusal (a malformed URL, a body of the wrong type or size) in the proxy's own words.
    frameworkErrors: (error, _request, reply) => {
      setSecurityHeaders(reply)
      sendError(reply, error.statusCode ?? 400, error.message)
    },
  })

  /** @param {FastifyReply} reply */
  function setSecurityHeaders(reply) {
    reply.headers(SECURITY_HEADERS)
  }

  const journal = await openJournal(dataDir)
  app.addHook('onClose', () => journal.close())
  const sessions = signIn
    ? createSessions({
        secret: signIn.sessionSecret,
        maxAgeSeconds: signIn.sessionSeconds,
        secure: signIn.publicUrl.startsWith('https:'),
      })
    : undefined

  await app.register(fastifyCookie)
  app.decorateRequest('who', /** @type {never} */ (null)) // set for every request by the hook below

  app.addHook('onRequest', async (request, reply) => {
    setSecurityHeaders(reply)
    if (!isAllowedHost(request.headers.host, allowedHosts)) {
      request.who = { user: null, role: null }
      return sendError(
        reply,
        403,
        `This server does not answer to the host "${request.headers.host ?? ''}". Add it to DASHBOARD_HOSTS.`,
      )
    }
    request.who = await identify(request)
    const path = pathOf(request.raw.url ?? '/')
    const needsUser = isProxyPath(path) && path !== STATUS_PATH
    if (sessions && (needsUser || path.startsWith('/api/')) && !request.who.user) {
      return request.who.ended
        ? sendError(reply, 401, SESSION_ENDED, 'session_ended')
        : sendError(reply, 401, 'Sign in to use the dashboard.', 'signed_out')
    }
    if (needsUser && request.method !== 'GET' && request.who.role === 'viewer') {
      app.log.warn({ msg: 'refused', reason: 'viewer', user: request.who.user, method: request.method, path })
      return sendError(reply, 403, VIEWER_REFUSED, 'viewer')
    }
    if (request.method === 'POST' && path === '/auth/logout' && isCrossSite(request.headers)) {
      return sendError(reply, 403, 'Cross-site requests are refused.')
    }
  })

  /** @param {FastifyRequest} request @returns {Promise<FastifyRequest['who']>} */
  async function identify(request) {
    if (!sessions || !signIn) return { user: 'local', role: 'local' }
    const session = await sessions.read(request.cookies[sessions.cookie])
    if (!session) return { user: null, role: null }
    if ('ended' in session) return { user: null, role: null, ended: true }
    return { user: session.user.email, name: session.user.name, role: roleOf(session.user, signIn) }
  }

  app.addHook('onResponse', async (request, reply) => {
    app.log.info({
      msg: 'request',
      method: request.method,
      path: pathOf(request.raw.url ?? '/'),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      user: request.who?.user ?? null,
    })
  })

  app.setErrorHandler((error, request, reply) => {
    const { statusCode = 500, message = '' } = /** @type {{ statusCode?: number, message?: string }} */ (error ?? {})
    const status = statusCode >= 400 ? statusCode : 500
    if (status >= 500) request.log.error({ msg: 'failed', path: pathOf(request.raw.url ?? '/'), err: error })
    sendError(reply, status, status >= 500 ? 'The server failed to answer. Try again.' : message)
  })

  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    return { status: 'ok' }
  })

  const forwarder = createForwarder({ apiKey, upstream, timeoutMs: upstreamTimeoutMs })

  /** Who is asking, as /proxy/status and the page tell the app. @param {FastifyRequest['who']} who */
  const sessionOf = (who) => ({
    signInRequired: Boolean(sessions),
    user: who.user && who.role !== 'local' ? { email: who.user, ...(who.name ? { name: who.name } : {}) } : null,
    role: who.role ?? 'none',
    ...(who.ended ? { ended: true } : {}),
  })

  // The page carries what the server already knows (mode, host, who is signed in), so the app's first request is
  // its first read of SendGrid rather than a question about the server. Read once: the build does not change
  // under a running server.
  const indexHtml = await readFile(resolve(distDir, 'index.html'), 'utf8').catch(() => null)
  /** @param {FastifyRequest} request @param {FastifyReply} reply */
  function sendPage(request, reply) {
    if (indexHtml === null) return sendError(reply, 404, 'The dashboard has not been built: run npm run build.')
    // A data block, never run; "<" escaped so that no name or e-mail address can close the element, and put in by a
    // function, so that "$&" or "$`" in a name is not read as a replacement pattern.
    const data = JSON.stringify(forwarder.status(sessionOf(request.who))).replace(/</g, '\\u003c')
    const page = indexHtml.replace(
      '</head>',
      () => `<script id="server-status" type="application/json">${data}</script></head>`,
    )
    // Private: the page names whoever asked for it.
    return reply.header('cache-control', 'no-cache, private').type('text/html; charset=utf-8').send(page)
  }
  await app.register(async (proxy) => {
    // The proxy takes the raw bytes and checks them itself; no parser here decides what a body means.
    proxy.removeAllContentTypeParsers()
    proxy.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) =>
      done(null, body),
    )
    /** @param {FastifyRequest} request @param {FastifyReply} reply */
    const handler = async (request, reply) => {
      const { who } = request
      const answer = await forwarder.forward({
        method: request.method,
        target: request.raw.url ?? '/',
        headers: request.headers,
        body: Buffer.isBuffer(request.body) ? request.body : undefined,
        session: sessionOf(who),
      })
      const change = answer.call && describeChange(answer.call.routeId, answer.call.params, answer.call.fields)
      if (change) {
        const ok = answer.status < 400
        const message = ok ? undefined : sendGridMessage(answer.body)
        // On disk before the answer goes back: a change the user saw succeed is never missing from the journal.
        const entry = await journal.append({
          user: who.user ?? 'unknown',
          ...change,
          status: answer.status,
          ok,
          ...(message ? { message } : {}),
        })
        app.log.info({ msg: 'change', ...entry })
      }
      return reply.code(answer.status).headers(answer.headers).header('cache-control', 'no-store').send(answer.body)
    }
    proxy.all('/v3', handler)
    proxy.all('/v3/*', handler)
    proxy.all(STATUS_PATH, handler)
  })

  app.get('/api/activity', async (request, reply) => {
    const query = /** @type {Record<string, string | undefined>} */ (request.query)
    const page = await journal.read({
      pool: query.pool || undefined,
      user: query.user || undefined,
      before: query.before || undefined,
      limit: query.limit ? Number(query.limit) : undefined,
    })
    return reply.header('cache-control', 'no-store').send(page)
  })

  if (signIn && sessions) createSignIn(signIn, sessions, app.log).register(app)

  await app.register(fastifyStatic, {
    root: distDir,
    preCompressed: true,
    cacheControl: false,
    // "/" is the page with the status written in, below, like every other route of the app.
    index: false,
    // Hashed file names change with their content, so they can be kept a year; index.html must be asked anew.
    setHeaders(reply, path) {
      const hashed = path.startsWith(resolve(distDir, 'assets') + '/')
      reply.header('cache-control', hashed ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache')
    },
  })

  app.get('/', sendPage)

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.raw.url ?? '/')
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !isProxyPath(path) &&
      !path.startsWith('/assets/') &&
      !/\.[a-z0-9]+$/i.test(path)
    if (!isPage) return sendError(reply, 404, `Nothing is at ${request.method} ${path}.`)
    // The app's own routes (/pools/…, /ips) are drawn in the browser from index.html.
    return sendPage(request, reply)
  })

  return app
}
