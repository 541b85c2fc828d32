/** Test helpers for the server: a recording stand-in for SendGrid, and requests sent byte for byte. */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import {
  connect,
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net'
import { migrate } from './store/migrate.ts'
import { openEmbedded, openPostgres, type Store } from './store/store.ts'

const run = promisify(execFile)

/** Disguised ways to reach some other SendGrid endpoint (or confuse what reaches it), each refused before sending. */
export const DISGUISED_TARGETS: [method: string, target: string][] = [
  ['GET', '/v3/ips/pools/..\\..\\..\\v3\\user\\profile'],
  ['POST', '/v3/ips/pools/..\\..\\..\\v3\\mail\\send#/ips'],
  ['GET', '/v3/ips/pools/a#/../../api_keys'],
  ['GET', '/v3/ips/pools/../../api_keys'],
  ['GET', '/v3/ips/pools/%2e%2e'],
  ['GET', '/v3/ips/pools/%2E%2E/ips'],
  ['GET', '/v3/ips/pools/%2e'],
  ['GET', '/v3/ips/pools/.'],
  ['DELETE', '/v3/ips/pools/..'],
  ['GET', '/v3/ips/pools/..%2F..%2F..%2Fv3%2Fapi_keys'],
  ['GET', '/v3/ips/pools/%2e%2e%2f%2e%2e%2fapi_keys'],
  ['DELETE', '/v3/ips/pools/a/ips/..%5c..%5c..%5capi_keys'],
  ['DELETE', '/v3/ips/pools/a/ips/%5C..%5C..%5Capi_keys'],
  ['GET', '/v3/ips/pools/x%2F..%2F..%2F..%2Fapi_keys'],
  ['GET', '/v3/ips/pools/%252e%252e%252fapi_keys'],
  ['GET', '/v3/ips/pools/%252E%252E'],
  ['GET', '//v3/ips/pools'],
  ['GET', '/v3//ips/pools'],
  ['GET', '/v3/ips//pools'],
  ['GET', '/v3/ips/pools/'],
  ['DELETE', '/v3/ips/pools//ips/192.0.2.1'],
  ['GET', '/V3/IPS/POOLS'],
  ['GET', '/v3/IPS/pools'],
  ['DELETE', '/v3/ips/Pools/a'],
  ['GET', '/v3/ips/pools;x=1'],
  ['GET', '/v3/ips/pools/a;jsessionid=1'],
  ['GET', '/v3/ips/pools/a%00b'],
  ['GET', '/v3/ips/pools/%zz'],
  ['GET', 'http://api.sendgrid.com/v3/user/profile'],
  ['GET', 'http://localhost/v3/ips/pools'],
  ['GET', '/v3/mail/send'],
  ['POST', '/v3/mail/send'],
  ['GET', '/v3/api_keys'],
  ['POST', '/v3/api_keys'],
  ['GET', '/v3/user/profile'],
  ['GET', '/v3/ips/192.0.2.1'],
  ['POST', '/v3/ips'],
  ['PATCH', '/v3/ips/pools/a'],
  ['DELETE', '/v3/ips/pools'],
  ['HEAD', '/v3/ips/pools'],
  ['OPTIONS', '/v3/ips/pools'],
  ['GET', '/v3/ips/pools/a/ips/b/c'],
  ['GET', '/v3/scopes/../api_keys'],
  ['GET', '/v3/ips?limit=500&offset=0&on-behalf-of=subuser'],
  ['GET', '/v3/ips?limit=500&limit=1'],
  ['GET', '/v3/ips?limit=../../api_keys'],
  ['GET', '/v3/ips/pools?redirect=/v3/mail/send'],
]

export interface SignedBatch {
  body: string
  headers: Record<string, string>
}

/** A Signed Event Webhook key pair, and batches signed with it as SendGrid posts them. */
export function webhookSigner() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  return {
    privateKey,
    /** As SendGrid shows it: base64 DER. */
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    /** Events separated by CRLF, signed over the timestamp and the exact bytes. */
    signed(
      events: unknown[],
      {
        timestamp = String(Math.floor(Date.now() / 1000)),
        key = privateKey,
      }: { timestamp?: string; key?: KeyObject } = {},
    ): SignedBatch {
      const body = `[${events.map((event) => JSON.stringify(event)).join(',\r\n')}]\r\n`
      const signature = sign('sha256', Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), {
        key,
        dsaEncoding: 'der',
      })
      return {
        body,
        headers: {
          'Content-Type': 'application/json',
          'X-Twilio-Email-Event-Webhook-Signature': signature.toString('base64'),
          'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
        },
      }
    },
  }
}

export const postBatch = (base: string, batch: SignedBatch) =>
  fetch(`${base}/webhooks/sendgrid/events`, { method: 'POST', headers: batch.headers, body: batch.body })

export interface Seen {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export type UpstreamAnswer = (req: Seen, res: ServerResponse) => void

export const answerPoolList: UpstreamAnswer = (_, res) => {
  res.setHeader('Content-Type', 'application/json')
  res.end('[{"name":"marketing"}]')
}

export function listen(server: Server): Promise<string> {
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  )
}

/** How long a test waits for a server to be ready or a change to show: a ceiling on a busy machine, not a pause. */
export const READY = { timeout: 30_000, interval: 50 }

/** Servers started as processes: killed after their test, and with the test process if it ends first. */
const running = new Set<ChildProcess>()
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')))

/** Stops every server started through it after each test, a test that failed or timed out included. */
export function serverPool() {
  const servers: Server[] = []
  const apps: FastifyInstance[] = []
  afterEach(async () => {
    for (const child of running) child.kill('SIGKILL')
    running.clear()
    await Promise.all(apps.splice(0).map((app) => app.close()))
    await Promise.all(
      servers.splice(0).map((server) => {
        server.closeAllConnections()
        return new Promise((done) => server.close(done))
      }),
    )
  })
  return {
    track<S extends Server>(server: S): S {
      servers.push(server)
      return server
    },
    /**
     * Starts server/main.ts as `npm run serve` would (through tsx here; the build runs with plain node) on a free
     * loopback port with `env` added, and resolves once it says it is serving. Killed after the test if still up.
     */
    async serve(env: Record<string, string>) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      running.add(child)
      child.on('exit', () => running.delete(child))
      let output = ''
      child.stdout!.on('data', (chunk) => (output += chunk))
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
      // A first start prepares a new embedded store: seconds on a quiet machine, several times that on a busy one.
      await vi.waitFor(() => expect(output).toContain('"serving"'), { timeout: 60_000, interval: 50 })
      const base = output.match(/"url":"(http:[^"]+)"/)![1]!
      return { base, child, exited, output: () => output }
    },
    /** Starts a built server on a loopback port; its base URL. */
    async listen(app: FastifyInstance): Promise<string> {
      apps.push(app)
      await app.listen({ port: 0, host: '127.0.0.1' })
      app.server.closeIdleConnections()
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    },
    /** A stand-in for SendGrid that records every request reaching it and answers as the test says. */
    async startUpstream(answer: UpstreamAnswer = answerPoolList) {
      const seen: Seen[] = []
      const server = createServer(async (req, res) => {
        let body = ''
        for await (const chunk of req) body += chunk
        const request = { method: req.method!, url: req.url!, headers: req.headers, body }
        seen.push(request)
        answer(request, res)
      })
      servers.push(server)
      return { seen, url: await listen(server), server }
    },
  }
}

export interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * Sends a request exactly as written, request line included: no client library gets to resolve "..", turn "\" into
 * "/" or drop a "#" first, as fetch and node:http would.
 */
export function rawRequest(
  base: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<RawAnswer> {
  const { hostname, port, host } = new URL(base)
  const lines = [
    `${method} ${target} HTTP/1.1`,
    `Host: ${headers.Host ?? host}`,
    'Connection: close',
    ...Object.entries(headers)
      .filter(([name]) => name !== 'Host')
      .map(([name, value]) => `${name}: ${value}`),
    ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []),
  ]
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname)
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', fail)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [head = '', ...rest] = text.split('\r\n\r\n')
      const [statusLine = '', ...headerLines] = head.split('\r\n')
      const parsed: Record<string, string> = {}
      for (const line of headerLines) {
        const at = line.indexOf(':')
        parsed[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim()
      }
      let payload = rest.join('\r\n\r\n')
      if (parsed['transfer-encoding'] === 'chunked') payload = unchunk(payload)
      done({ status: Number(statusLine.split(' ')[1]), headers: parsed, body: payload })
    })
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`)
  })
}

function unchunk(text: string): string {
  let out = ''
  let rest = text
  for (;;) {
    const at = rest.indexOf('\r\n')
    const size = parseInt(rest.slice(0, at), 16)
    if (!size) return out
    out += rest.slice(at + 2, at + 2 + size)
    rest = rest.slice(at + 2 + size + 2)
  }
}

/** The cookies a response sets, kept as a browser would (name → value), dropping the ones it clears. */
function keepCookies(jar: Map<string, string>, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';')
    const at = pair.indexOf('=')
    const name = pair.slice(0, at).trim()
    const value = pair.slice(at + 1).trim()
    if (!value || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name)
    else jar.set(name, value)
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')

/**
 * Signs in through the dashboard at `base` and the test identity provider as a browser would, with the provider's
 * development login form, up to the dashboard's answer to the callback. `publicUrl` is the dashboard's configured
 * PUBLIC_URL, which the provider sends the browser back to; it is mapped to `base` here.
 */
export async function signInThrough(base: string, publicUrl: string, email: string, returnTo = '/pools') {
  const dashboard = new Map<string, string>()
  const provider = new Map<string, string>()
  const login = await fetch(`${base}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' })
  keepCookies(dashboard, login)
  let url = new URL(login.headers.get('location')!)
  let init: RequestInit = {}
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: cookieHeader(provider) },
    })
    keepCookies(provider, response)
    const location = response.headers.get('location')
    if (location) {
      const next = new URL(location, url)
      if (next.origin === new URL(publicUrl).origin) {
        const callback = await fetch(`${base}${next.pathname}${next.search}`, {
          redirect: 'manual',
          headers: { cookie: cookieHeader(dashboard) },
        })
        return { status: callback.status, location: callback.headers.get('location'), response: callback }
      }
      url = next
      init = {}
      continue
    }
    // A form of the provider's (login, then consent): filled in and sent as the browser would.
    const page = await response.text()
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
    if (!action)
      throw new Error(`The identity provider answered ${response.status} without a form: ${page.slice(0, 200)}`)
    const fields = new URLSearchParams()
    for (const input of page.matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(input[0])?.[1]
      if (!name) continue
      const value =
        name === 'login' ? email : name === 'password' ? 'any password' : /value="([^"]*)"/.exec(input[0])?.[1]
      fields.set(name, value ?? '')
    }
    url = new URL(action.replace(/&amp;/g, '&'), url)
    init = { method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
  }
  throw new Error('The sign-in did not come back to the dashboard within 20 steps.')
}

/**
 * The store engines the tests run against: the embedded one always, and a PostgreSQL server where TEST_DATABASE_URL
 * names one (CI starts one; `.ci/run` says how). Each test file gets a database of its own on that server.
 */
export const ENGINES: Store['engine'][] = process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded']
if (process.env.CI && !process.env.TEST_DATABASE_URL) throw new Error('CI must set TEST_DATABASE_URL: see .ci/run')

/** A new, empty, migrated store on `engine`, and how to throw it away. */
export async function createTestStore(
  engine: Store['engine'],
): Promise<{ store: Store; dispose(): Promise<void>; url?: string; database?: string }> {
  if (engine === 'embedded') {
    const store = await openEmbedded()
    await migrate(store)
    return { store, dispose: () => store.close() }
  }
  const admin = await openPostgres(process.env.TEST_DATABASE_URL!)
  const name = `test_${randomBytes(6).toString('hex')}`
  await admin.query(`create database ${name}`)
  const url = new URL(process.env.TEST_DATABASE_URL!)
  url.pathname = `/${name}`
  const store = await openPostgres(url.href)
  await migrate(store)
  return {
    store,
    url: url.href,
    database: name,
    async dispose() {
      await store.close()
      await admin.query(`drop database ${name} with (force)`)
      await admin.close()
    },
  }
}

/** One store for a test file, emptied before each test. */
export function sharedStore(engine: Store['engine'] = 'embedded'): () => Store {
  let made: Awaited<ReturnType<typeof createTestStore>> | undefined
  beforeAll(async () => {
    made = await createTestStore(engine)
  })
  beforeEach(async () => {
    await made!.store.query(
      'truncate activity, sessions, delivery_hours, webhook_events_seen, message_pools, message_pending, server_settings, ' +
        'webhook_batches, webhook_batches_set_aside',
    )
  })
  afterAll(() => made?.dispose())
  return () => made!.store
}

/**
 * A PostgreSQL server of the test's own (Debian's 15, through scripts/test-postgres.sh, on a free loopback port),
 * which the test can freeze, as SIGSTOP does to every one of its processes, and wake: a database that hangs
 * rather than one that is gone. Only where the tests have PostgreSQL's programs (TEST_DATABASE_URL is set).
 */
export async function startOwnPostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'own-postgres-'))
  const port = await new Promise<number>((done) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => done(port))
    })
  })
  const env = { ...process.env, PG_TEST_DIR: dir, PG_TEST_PORT: String(port) }
  const { stdout } = await run('scripts/test-postgres.sh', ['start'], { env })
  const url = /TEST_DATABASE_URL=(\S+)/.exec(stdout)![1]!
  /** The postmaster first, so that it forks nothing new, then every process it has started. */
  const processes = () => {
    const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
    const children = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster
        } catch {
          return false // ended meanwhile
        }
      })
      .map(Number)
    return [postmaster, ...children]
  }
  return {
    url,
    freeze: () => processes().forEach((pid) => process.kill(pid, 'SIGSTOP')),
    thaw: () => processes().forEach((pid) => process.kill(pid, 'SIGCONT')),
    stop: () => run('scripts/test-postgres.sh', ['stop'], { env }),
  }
}

/**
 * A TCP relay between the server and its database, which a test can cut (every connection dropped, new ones
 * refused, as when PostgreSQL stops) and restore on the same port.
 */
export async function startTcpRelay(targetUrl: string) {
  const target = new URL(targetUrl)
  const sockets = new Set<Socket>()
  let relay: NetServer | undefined
  let port = 0
  const open = () =>
    new Promise<void>((done) => {
      relay = createNetServer((client) => {
        const upstream = connect(Number(target.port), target.hostname)
        for (const socket of [client, upstream]) {
          sockets.add(socket)
          socket.on('error', () => {})
          socket.on('close', () => sockets.delete(socket))
        }
        client.pipe(upstream).pipe(client)
      })
      relay.listen(port, '127.0.0.1', () => {
        port = (relay!.address() as AddressInfo).port
        done()
      })
    })
  await open()
  const url = new URL(targetUrl)
  url.port = String(port)
  return {
    /** The database's URL, through the relay. */
    url: (database: string) => Object.assign(new URL(url), { pathname: `/${database}` }).href,
    async cut() {
      for (const socket of sockets) socket.destroy()
      await new Promise((done) => relay!.close(done))
    },
    restore: open,
    close: () => new Promise((done) => relay?.close(done)),
  }
}
