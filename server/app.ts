/**
 * The production server, composed of Fastify plugins, one per area, each guarding its own routes (guards.ts):
 * health, the SendGrid proxy, sign-in (/auth/*), the dashboard's API (/api/*) and the page. Around them, for every
 * request: the security headers, a request target in its one normal form, a Host this server answers to, who is
 * asking (identity.ts), and one JSON access-log line.
 */
import { STATUS_CODES } from 'node:http'
import { isIP } from 'node:net'
import type { Writable } from 'node:stream'
import fastifyCookie from '@fastify/cookie'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { MESSAGES, errorBody } from '../src/shared/messages.ts'
import { DEFAULT_DELIVERY_RETENTION_DAYS, type AlertSettings, type Config } from './config.ts'
import type { AddressInfo } from 'node:net'
import type { IncidentTimes } from '../src/shared/alert-incidents.ts'
import { createMailer } from './alerts/mailer.ts'
import { startAlerts } from './alerts/watch.ts'
import { alertsPlugin } from './plugins/alerts.ts'
import { layoutPlugin } from './plugins/layout.ts'
import { createLayoutService } from './layout/service.ts'
import { revokeLayoutTokensOf } from './layout/tokens.ts'
import { publicKeyOf } from './delivery/signature.ts'
import { identity } from './identity.ts'
import { openJournal } from './journal.ts'
import { apiPlugin } from './plugins/api.ts'
import { authPlugin } from './plugins/auth.ts'
import { healthPlugin } from './plugins/health.ts'
import { pagePlugin } from './plugins/page.ts'
import { proxyPlugin } from './plugins/proxy.ts'
import { deliveryPlugin } from './plugins/delivery.ts'
import { CACHING } from './caching.ts'
import { refuse } from './replies.ts'
import { targetProblem } from './request-target.ts'
import { SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from './security-headers.ts'
import { createForwarder } from './sendgrid-proxy.ts'
import { createSessionRegistry } from './session-registry.ts'
import { createSessions } from './sessions.ts'
import { importJournalFile } from './store/import-journal.ts'
import { migrate } from './store/migrate.ts'
import { openStore, StoreUnavailable, type Store } from './store/store.ts'

/**
 * Whether the Host header names this server. Loopback names and IP literals cannot be re-pointed by DNS; any other
 * name must be listed, so a page on another site cannot rebind its own name to this server and use the key.
 */
export function isAllowedHost(host: string | undefined, allowedHosts: readonly string[]): boolean {
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

export interface ServerOptions extends Partial<
  Omit<Config, 'host' | 'port' | 'dataDir' | 'distDir' | 'deliveryRetentionDays' | 'alerts'>
> {
  deliveryRetentionDays?: number
  alerts?: Partial<AlertSettings>
  /** How long an incident stays quiet before it resolves, and waits before a reminder (tests shorten them). */
  incidentTimes?: IncidentTimes
  distDir: string
  /** Where the embedded store is kept (without DATABASE_URL), and an activity.jsonl to move in from. */
  dataDir: string
  upstreamTimeoutMs?: number
  /** Where the JSON log lines go (stdout by default). */
  logStream?: Writable
  /** A store of the caller's, left open on close (tests share one); by default the one configured. */
  store?: Store
}

/** How often expired sessions are deleted from the store. */
const SWEEP_MS = 60 * 60 * 1000

const pathOf = (url: string) => url.split('?')[0] ?? url

export interface ServerRoute {
  method: string
  url: string
}

declare module 'fastify' {
  interface FastifyInstance {
    routeList: readonly ServerRoute[]
  }
}

/** Alerting as configured: evaluated and sent by this server, emailed with its key, linking to where it is reached. */
function alertingOf(app: FastifyInstance, store: Store, options: ServerOptions) {
  const { apiKey, upstream, signIn } = options
  const mailer = createMailer({ ...(apiKey ? { apiKey } : {}), ...(upstream ? { upstream } : {}) })
  const listed = options.alerts?.destinationHosts ?? []
  const alerts = startAlerts({
    store,
    mailer,
    listed,
    everyMs: (options.alerts?.evaluateSeconds ?? 120) * 1000,
    retrySeconds: options.alerts?.retrySeconds ?? 30,
    ...(options.incidentTimes ? { times: options.incidentTimes } : {}),
    dashboardUrl: () => signIn?.publicUrl ?? `http://localhost:${(app.server.address() as AddressInfo | null)?.port}`,
    onError: (err) => app.log.warn({ msg: 'alerts not evaluated or sent', err }),
  })
  return { alerts, mailer, listed }
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const {
    apiKey,
    upstream,
    upstreamTimeoutMs,
    distDir,
    allowedHosts = [],
    dataDir,
    databaseUrl,
    signIn,
    logStream,
    deliveryRetentionDays = DEFAULT_DELIVERY_RETENTION_DAYS,
  } = options
  const behindHttps = signIn?.publicUrl.startsWith('https:') ?? false
  const headers = behindHttps ? { ...SECURITY_HEADERS, ...STRICT_TRANSPORT_SECURITY } : SECURITY_HEADERS

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
    // Without a reverse proxy in front, a client must not hold a request open: its headers must be in within 10 s,
    // the whole request within 20 s, checked every 2 s (Node checks every 30 s by default), so a slow sender is cut
    // within 30 s at the latest.
    requestTimeout: 20_000,
    http: { headersTimeout: 10_000, connectionsCheckingInterval: 2_000 },
    // What Node's own parser refuses (a smuggling attempt, a malformed request line) never reaches a hook: answered
    // here, with the same headers as every other answer.
    clientErrorHandler(error, socket) {
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || socket.destroyed) return
      const [status, said] =
        (error as NodeJS.ErrnoException).code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'The request took too long to arrive.']
          : (error as NodeJS.ErrnoException).code === 'HPE_HEADER_OVERFLOW'
            ? [431, 'The request headers are too large.']
            : [400, 'The request is not well-formed HTTP.']
      const body = JSON.stringify(errorBody(said))
      const lines = [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
      ]
      if (socket.writable) socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`)
      socket.destroy()
    },
    // A pool name of 64 letters outside ASCII is up to 768 characters once percent-encoded.
    routerOptions: { maxParamLength: 2048 },
    return503OnClosing: true,
    // Every framework-level refusal (a malformed URL, a body of the wrong type or size) in the server's own words.
    frameworkErrors: (error, _request, reply) => {
      reply.headers(headers)
      refuse(reply, error.statusCode ?? 400, error.message)
    },
  })

  // Every route the server has, as registered: what a review or a test of the guards goes through.
  const routes: ServerRoute[] = []
  app.addHook('onRoute', ({ method, url }) => {
    for (const one of [method].flat()) if (one !== 'HEAD') routes.push({ method: one, url })
  })
  app.decorate('routeList', routes)

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(headers)
    const problem = targetProblem(request.raw.url ?? '')
    if (problem) return refuse(reply, 400, `${MESSAGES.notNormalForm} (${problem})`)
    if (!isAllowedHost(request.headers.host, allowedHosts)) {
      const host = request.headers.host ?? ''
      return refuse(reply, 403, `This server does not answer to the host "${host}". Add it to DASHBOARD_HOSTS.`)
    }
  })

  // Nothing the server answers is to be kept by a browser or a proxy unless it says so (the page and the built
  // files set their own caching): answers name who asked, and change.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', CACHING.none)
    return payload
  })

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
    const { statusCode = 500, message = '' } = (error ?? {}) as { statusCode?: number; message?: string }
    if (error instanceof StoreUnavailable) {
      request.log.warn({ msg: 'store unavailable', path: pathOf(request.raw.url ?? '/'), err: error })
      return refuse(reply, 503, MESSAGES.storeUnavailable)
    }
    const status = statusCode >= 400 ? statusCode : 500
    if (status >= 500) request.log.error({ msg: 'failed', path: pathOf(request.raw.url ?? '/'), err: error })
    return refuse(reply, status, status >= 500 ? 'The server failed to answer. Try again.' : message)
  })

  const store =
    options.store ??
    (await openStore({
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      onPrepare: (folder) => app.log.info({ msg: 'preparing the embedded store, first start only', folder }),
    }))
  const migrated = await migrate(store)
  if (migrated.length) app.log.info({ msg: 'store migrated', engine: store.engine, applied: migrated })
  app.addHook('onClose', async () => {
    if (!options.store) await store.close()
  })
  const moved = await importJournalFile(store, dataDir)
  if (moved) app.log.info({ msg: 'journal file imported', ...moved })
  const journal = openJournal(store)
  const registry = signIn ? createSessionRegistry(store) : undefined
  if (registry) {
    const sweep = () => registry.sweep().catch((err: unknown) => app.log.warn({ msg: 'session sweep failed', err }))
    const timer = setInterval(sweep, SWEEP_MS).unref()
    app.addHook('onClose', async () => clearInterval(timer))
  }
  const forwarder = createForwarder({
    ...(apiKey ? { apiKey } : {}),
    ...(upstream ? { upstream } : {}),
    ...(upstreamTimeoutMs ? { timeoutMs: upstreamTimeoutMs } : {}),
  })
  app.addHook('onClose', async () => forwarder.close())
  const sessions = signIn
    ? createSessions({ secret: signIn.sessionSecret, maxAgeSeconds: signIn.sessionSeconds, secure: behindHttps })
    : undefined

  await app.register(fastifyCookie)
  await app.register(identity, { ...(sessions && signIn && registry ? { sessions, signIn, registry } : {}) })

  await app.register(healthPlugin, { store })
  await app.register(proxyPlugin, { forwarder, journal })
  await app.register(apiPlugin, { prefix: '/api', journal, ...(registry ? { registry } : {}) })
  const { alerts, mailer, listed } = alertingOf(app, store, options)
  await app.register(alertsPlugin, { prefix: '/api', store, journal, alerts, mailer, listed })
  await app.register(deliveryPlugin, {
    store,
    journal,
    forwarder,
    onCounted: alerts.nudge,
    retentionDays: deliveryRetentionDays,
    ...(options.webhookPublicKey ? { publicKey: publicKeyOf(options.webhookPublicKey) } : {}),
    ...(signIn ? { publicUrl: signIn.publicUrl } : {}),
  })
  const layout = createLayoutService({ store, journal, forwarder, log: app.log })
  await app.register(layoutPlugin, { prefix: '/api', store, journal, layout })
  if (signIn && sessions && registry) {
    const onSignIn = async (email: string, role: string) => {
      const revoked = role === 'viewer' ? await revokeLayoutTokensOf(store, email) : 0
      if (revoked)
        app.log.warn({ msg: 'layout tokens revoked: their owner signs in as a viewer', user: email, revoked })
    }
    await app.register(authPlugin, { prefix: '/auth', settings: signIn, sessions, registry, onSignIn })
  }
  await app.register(pagePlugin, { distDir, forwarder })
  return app
}
