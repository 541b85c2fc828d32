/**
 * The team server as an attacker meets it, through the real server on a port (raw sockets where a browser or fetch
 * would tidy the request first): each finding of the review that asked for the server's plugins, and every route
 * the server has, sent in every spelling, signed out, as a viewer and from another site.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { CLIENT, startIdentityProvider } from '../e2e/servers/identity-provider'
import { MESSAGES } from '../src/shared/messages.ts'
import { buildServer } from './app.ts'
import { USER_AGENT } from './sendgrid-proxy.ts'
import { createSessionRegistry } from './session-registry.ts'
import { createSessions, type SessionUser } from './sessions.ts'
import type { Store } from './store/store.ts'
import {
  createTestStore,
  rawRequest,
  serverPool,
  sharedStore,
  signInThrough,
  type RawAnswer,
  type UpstreamAnswer,
} from './testing'

const SECRET = 'a-long-random-session-secret-for-tests-0123456789'
const ADMIN = { email: 'ana@example.com', name: 'Ana' }
const VIEWER = { email: 'vic@example.com', name: 'Vic' }
const MARKER = 'marker-pool-7f3a'
const pool = serverPool()
const shared = sharedStore()

const dist = mkdtempSync(join(tmpdir(), 'dist-'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>app</title></head><body></body></html>')
writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
writeFileSync(join(dist, '.env.local'), 'SENDGRID_API_KEY=SG.secret-in-a-dotfile')

interface TeamOptions {
  publicUrl?: string
  issuer?: string
  store?: Store
  upstreamAnswer?: UpstreamAnswer
}

async function startTeamServer({
  publicUrl = 'http://localhost:4176',
  issuer = 'http://127.0.0.1:9/',
  store = shared(),
  upstreamAnswer,
}: TeamOptions = {}) {
  const upstream = await pool.startUpstream(upstreamAnswer)
  const lines: string[] = []
  const { base } = await pool.start({
    apiKey: 'SG.server-key',
    upstream: upstream.url,
    distDir: dist,
    store,
    signIn: {
      issuer,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      publicUrl,
      sessionSecret: SECRET,
      sessionSeconds: 3600,
      admins: ['ana@example.com', 'boss@example.com'],
    },
    logStream: new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).trim().split('\n'))
        done()
      },
    }),
  })
  const sessions = createSessions({ secret: SECRET, maxAgeSeconds: 3600, secure: publicUrl.startsWith('https:') })
  const registry = createSessionRegistry(store)
  const sessionFor = async (user: SessionUser) => {
    const id = await registry.start(user, 3600)
    return { id, cookie: `${sessions.cookie}=${await sessions.sealUser(user, id)}` }
  }
  const cookieFor = async (user: SessionUser) => (await sessionFor(user)).cookie
  return { base, upstream, logs: () => lines.map((line) => JSON.parse(line)), cookieFor, sessionFor, registry }
}

/** A journal holding one change, so a leak of it shows. */
async function withJournalledChange() {
  const server = await startTeamServer()
  const created = await rawRequest(
    server.base,
    'POST',
    '/v3/ips/pools',
    { Cookie: await server.cookieFor(ADMIN), 'Content-Type': 'application/json' },
    JSON.stringify({ name: MARKER }),
  )
  expect(created.status).toBe(200)
  server.upstream.seen.length = 0
  return server
}

describe('1. the journal is read by the signed-in only, however its path is spelled', () => {
  it('refuses a percent-encoded letter and the absolute form before routing, with nothing of the journal', async () => {
    const { base, logs } = await withJournalledChange()
    const port = new URL(base).port
    for (const target of ['/%61pi/activity', '/api/%61ctivity', `http://127.0.0.1:${port}/api/activity`]) {
      const answer = await rawRequest(base, 'GET', target)
      expect(answer.status, target).toBe(400)
      expect(JSON.parse(answer.body).errors[0].message, target).toContain(MESSAGES.notNormalForm)
      expect(answer.body, target).not.toContain(MARKER)
    }
    expect((await rawRequest(base, 'GET', '/api/activity')).status).toBe(401)
    const served = logs().filter((line) => line.msg === 'request' && line.status === 200 && line.user === null)
    expect(served).toEqual([])
  })
})

describe('2. a sign-out from another site is refused, however its path is spelled', () => {
  it('keeps the session when a foreign page posts to a disguised /auth/logout', async () => {
    const { base, cookieFor } = await startTeamServer()
    const cookie = await cookieFor(ADMIN)
    for (const target of ['/auth/%6cogout', '/auth/logout', '/%61uth/logout', '/auth//logout']) {
      const answer = await rawRequest(base, 'POST', target, {
        Cookie: cookie,
        Origin: 'https://evil.example',
        'Sec-Fetch-Site': 'cross-site',
        'Content-Type': 'application/x-www-form-urlencoded',
      })
      expect(answer.status, target).toBeGreaterThanOrEqual(400)
      expect(answer.headers['set-cookie'], target).toBeUndefined()
    }
  })
})

describe('3. signing out behind https ends the session in the browser', () => {
  it('clears the __Host- session and flow cookies with the attributes they were set with', async () => {
    const { base, cookieFor } = await startTeamServer({ publicUrl: 'https://pools.example.com' })
    const out = await fetch(`${base}/auth/logout`, {
      method: 'POST',
      headers: { Cookie: await cookieFor(ADMIN), Host: 'pools.example.com', 'Sec-Fetch-Site': 'same-origin' },
      redirect: 'manual',
    })
    expect(out.status).toBe(303)
    const cleared = out.headers.getSetCookie()
    for (const name of ['__Host-session', '__Host-signin']) {
      const line = cleared.find((cookie) => cookie.startsWith(`${name}=;`))
      expect(line, name).toBeDefined()
      expect(line).toMatch(/Expires=Thu, 01 Jan 1970/)
      expect(line).toMatch(/; Path=\/(;|$)/)
      expect(line).toMatch(/; Secure(;|$)/)
      expect(line).toMatch(/; HttpOnly(;|$)/)
      expect(line).toMatch(/; SameSite=Lax(;|$)/)
    }
  })

  it('says Strict-Transport-Security for half a year or more on every answer behind https, and not on http', async () => {
    const https = await startTeamServer({ publicUrl: 'https://pools.example.com' })
    for (const path of ['/', '/healthz', '/v3/ips/pools', '/nothing.txt', '/%61']) {
      const header = (await rawRequest(https.base, 'GET', path)).headers['strict-transport-security']
      expect(Number(/max-age=(\d+)/.exec(header ?? '')?.[1]), path).toBeGreaterThanOrEqual(180 * 24 * 3600)
    }
    const http = await startTeamServer()
    expect((await rawRequest(http.base, 'GET', '/')).headers['strict-transport-security']).toBeUndefined()
  })
})

describe('4 and 6. sign-in through a real identity provider', () => {
  let provider: Awaited<ReturnType<typeof startIdentityProvider>>
  const publicUrl = 'https://pools.example.com'
  beforeAll(async () => {
    provider = await startIdentityProvider(0, [`${publicUrl}/auth/callback`])
  })
  afterAll(() => provider.close())

  it('refuses an email the provider does not say, as the boolean true, is verified', async () => {
    const { base } = await startTeamServer({ publicUrl, issuer: provider.issuer })
    for (const login of ['unverified@example.com', 'unstated@example.com', 'stringly@example.com']) {
      const { status, location, response } = await signInThrough(base, publicUrl, login)
      expect(status, login).toBe(303)
      expect(location, login).toBe('/?refused=email_unverified')
      expect(
        response.headers
          .getSetCookie()
          .some((c) => c.startsWith('__Host-session=') && !c.startsWith('__Host-session=;')),
      ).toBe(false)
    }
  })

  it('signs in a verified email in any case as the admin it is listed as, and clears the flow cookie', async () => {
    const { base } = await startTeamServer({ publicUrl, issuer: provider.issuer })
    const { status, location, response } = await signInThrough(base, publicUrl, 'Boss@Example.com')
    expect(status).toBe(303)
    expect(location).toBe('/pools')
    const cookies = response.headers.getSetCookie()
    expect(cookies.find((c) => c.startsWith('__Host-signin=;'))).toMatch(/; Secure(;|$)/)
    const session = cookies.find((c) => c.startsWith('__Host-session=') && !c.startsWith('__Host-session=;'))!
    const status_ = await (
      await fetch(`${base}/proxy/status`, { headers: { Cookie: session.split(';')[0]!, Host: 'pools.example.com' } })
    ).json()
    expect(status_.session).toMatchObject({ user: { email: 'boss@example.com' }, role: 'admin' })
  })

  it('sends a return path that cannot stand in a Location header home, and the sign-in still succeeds', async () => {
    const { base } = await startTeamServer({ publicUrl, issuer: provider.issuer })
    for (const returnTo of ['/\u2028x', '/pools\r\nSet-Cookie: x=1', '/é', '//evil.example', '/\\evil.example']) {
      const { status, location } = await signInThrough(base, publicUrl, 'ana@example.com', returnTo)
      expect(status, JSON.stringify(returnTo)).toBe(303)
      expect(location, JSON.stringify(returnTo)).toBe('/')
    }
    const kept = await signInThrough(base, publicUrl, 'ana@example.com', '/pools/EU%20promo?tab=ips')
    expect(kept.location).toBe('/pools/EU%20promo?tab=ips')
  })
})

describe('5. no change without its journal line', () => {
  it('refuses a change with 503 in words and sends nothing when the journal cannot be written', async () => {
    const { store, dispose } = await createTestStore('embedded')
    const { base, upstream, cookieFor } = await startTeamServer({ store })
    const [admin, viewer] = [await cookieFor(ADMIN), await cookieFor(VIEWER)]
    await store.query('alter table activity add constraint no_more_changes check (false) not valid')
    const answer = await rawRequest(
      base,
      'POST',
      '/v3/ips/pools',
      { Cookie: admin, 'Content-Type': 'application/json' },
      '{"name":"unjournalled"}',
    )
    expect(answer.status).toBe(503)
    expect(JSON.parse(answer.body)).toEqual({
      errors: [{ field: null, message: MESSAGES.journalUnwritable }],
      code: 'journal_unwritable',
    })
    expect(upstream.seen).toEqual([])
    // Reads are not journalled, and still work.
    const read = await rawRequest(base, 'GET', '/v3/ips/pools', { Cookie: viewer })
    expect(read.status).toBe(200)
    await dispose()
  })

  it('has the entry written before SendGrid is asked', async () => {
    let journalAtSend: unknown
    const server = await startTeamServer({
      upstreamAnswer: async (_req, res) => {
        journalAtSend = await (
          await fetch(`${server.base}/api/activity`, { headers: { Cookie: await server.cookieFor(VIEWER) } })
        ).json()
        res.setHeader('Content-Type', 'application/json')
        res.end('{"name":"early"}')
      },
    })
    const answer = await fetch(`${server.base}/v3/ips/pools`, {
      method: 'POST',
      headers: { Cookie: await server.cookieFor(ADMIN), 'Content-Type': 'application/json' },
      body: '{"name":"early"}',
    })
    expect(answer.status).toBe(200)
    expect(journalAtSend).toMatchObject({ entries: [{ action: 'create', pool: 'early', user: 'ana@example.com' }] })
    expect((journalAtSend as { entries: object[] }).entries[0]).not.toHaveProperty('status')
  })
})

describe('7. upstream in, upstream out, and the files served', () => {
  it('sends SendGrid exactly Authorization, Accept, Content-Type and its own User-Agent', async () => {
    const { base, upstream, cookieFor } = await startTeamServer()
    await fetch(`${base}/v3/ips/pools`, {
      method: 'POST',
      headers: {
        Cookie: await cookieFor(ADMIN),
        'Content-Type': 'application/json',
        'Accept-Language': 'de',
        'User-Agent': 'Mozilla/5.0 attacker',
        'X-Forwarded-For': '203.0.113.9',
        'Accept-Encoding': 'gzip, br',
      },
      body: '{"name":"headers"}',
    })
    await fetch(`${base}/v3/ips/pools`, { headers: { Cookie: await cookieFor(ADMIN) } })
    const [change, read] = upstream.seen
    // Host and Content-Length frame the HTTP request itself; Connection is the kept-alive connection's.
    expect(Object.keys(change!.headers).sort()).toEqual(
      ['accept', 'authorization', 'connection', 'content-length', 'content-type', 'host', 'user-agent'].sort(),
    )
    expect(Object.keys(read!.headers).sort()).toEqual(['accept', 'authorization', 'connection', 'host', 'user-agent'])
    expect(change!.headers['user-agent']).toBe(USER_AGENT)
    expect(USER_AGENT).toMatch(/^ip-pools-dashboard\/\d+\.\d+\.\d+$/)
    expect(change!.headers.authorization).toBe('Bearer SG.server-key')
  })

  it('passes on no answer that is not JSON: the browser gets a 502 in JSON', async () => {
    const { base, cookieFor } = await startTeamServer({
      upstreamAnswer: (_req, res) => {
        res.setHeader('Content-Type', 'text/html')
        res.end('<script>alert(document.cookie)</script>')
      },
    })
    const answer = await rawRequest(base, 'GET', '/v3/ips/pools', { Cookie: await cookieFor(ADMIN) })
    expect(answer.status).toBe(502)
    expect(answer.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(answer.body).errors[0].message).toBe(MESSAGES.upstreamUnexpected)
    expect(answer.body).not.toContain('<script>')
  })

  it('serves no file whose name starts with a dot', async () => {
    const { base } = await startTeamServer()
    for (const target of ['/.env.local', '/.ENV.local', '/assets/../.env.local', '/%2eenv.local']) {
      const answer = await rawRequest(base, 'GET', target)
      expect(answer.status, target).toBeGreaterThanOrEqual(400)
      expect(answer.body, target).not.toContain('SG.secret-in-a-dotfile')
    }
    expect((await rawRequest(base, 'GET', '/favicon.svg')).status).toBe(200)
  })
})

/** Every other way to write `target` that a router or a decoder might take for it. */
function spellings(target: string, authority: string): string[] {
  const [path = '', query] = target.split('?')
  const withQuery = (p: string) => (query === undefined ? p : `${p}?${query}`)
  const forms = new Set<string>()
  for (let i = 0; i < path.length; i += 1) {
    const hex = path.charCodeAt(i).toString(16).padStart(2, '0')
    forms.add(withQuery(`${path.slice(0, i)}%${hex.toUpperCase()}${path.slice(i + 1)}`))
    forms.add(withQuery(`${path.slice(0, i)}%${hex.toLowerCase()}${path.slice(i + 1)}`))
    if (path[i] === '/') forms.add(withQuery(`${path.slice(0, i)}//${path.slice(i + 1)}`))
  }
  forms.add(`http://${authority}${target}`)
  forms.add(`http://evil.example${target}`)
  forms.add(withQuery(path.toUpperCase()))
  forms.add(withQuery(path.replace(/\/([a-z])/g, (_, c: string) => `/${c.toUpperCase()}`)))
  forms.add(withQuery(`${path}/`))
  forms.add(withQuery(`${path}/.`))
  forms.add(withQuery(`${path}/..`))
  forms.add(withQuery(`${path}/x/..`))
  forms.add(withQuery(`/.${path}`))
  forms.add(withQuery(`/x/..${path}`))
  forms.add(withQuery(`${path};x=1`))
  forms.delete(target)
  return [...forms]
}

/** A route's guard: who the attacker is, and what must not happen whatever the spelling. */
interface GuardCase {
  route: string
  as: 'signed out' | 'viewer' | 'cross-site admin'
  method: string
  target: string
  body?: string
}

const ADMIN_SESSION = '{admin session}'
const GUARDED: GuardCase[] = [
  { route: 'GET /api/sessions', as: 'signed out', method: 'GET', target: '/api/sessions' },
  { route: 'GET /api/delivery', as: 'signed out', method: 'GET', target: '/api/delivery?pool=marketing&range=24h' },
  {
    route: 'GET /api/delivery/totals',
    as: 'signed out',
    method: 'GET',
    target: '/api/delivery/totals?by=pool&range=7d',
  },
  { route: 'GET /api/delivery/webhook', as: 'signed out', method: 'GET', target: '/api/delivery/webhook' },
  {
    route: 'PUT /api/delivery/webhook',
    as: 'viewer',
    method: 'PUT',
    target: '/api/delivery/webhook',
    body: '{"id":"x"}',
  },
  {
    route: 'PUT /api/delivery/webhook',
    as: 'cross-site admin',
    method: 'PUT',
    target: '/api/delivery/webhook',
    body: '{"id":"x"}',
  },
  { route: 'GET /api/sessions', as: 'viewer', method: 'GET', target: '/api/sessions' },
  { route: 'DELETE /api/sessions/:id', as: 'viewer', method: 'DELETE', target: `/api/sessions/${ADMIN_SESSION}` },
  {
    route: 'DELETE /api/sessions/:id',
    as: 'cross-site admin',
    method: 'DELETE',
    target: `/api/sessions/${ADMIN_SESSION}`,
  },
  { route: 'POST /auth/logout-everywhere', as: 'cross-site admin', method: 'POST', target: '/auth/logout-everywhere' },
  { route: 'POST /auth/logout-everywhere', as: 'signed out', method: 'POST', target: '/auth/logout-everywhere' },
  { route: 'GET /api/activity', as: 'signed out', method: 'GET', target: '/api/activity?limit=5' },
  { route: 'GET /v3', as: 'signed out', method: 'GET', target: '/v3' },
  { route: 'GET /v3/*', as: 'signed out', method: 'GET', target: '/v3/ips/pools' },
  { route: 'POST /v3/*', as: 'signed out', method: 'POST', target: '/v3/ips/pools', body: '{"name":"planted"}' },
  { route: 'POST /v3/*', as: 'viewer', method: 'POST', target: '/v3/ips/pools', body: '{"name":"planted"}' },
  { route: 'DELETE /v3/*', as: 'viewer', method: 'DELETE', target: '/v3/ips/pools/marketing' },
  {
    route: 'PATCH /v3/*',
    as: 'viewer',
    method: 'PATCH',
    target: '/v3/user/webhooks/event/settings/signed/abc',
    body: '{"enabled":true}',
  },
  { route: 'POST /v3/*', as: 'cross-site admin', method: 'POST', target: '/v3/ips/pools', body: '{"name":"planted"}' },
  { route: 'POST /auth/logout', as: 'cross-site admin', method: 'POST', target: '/auth/logout' },
  ...alertGuards(),
  ...layoutGuards(),
]

/** The layout: signed out reads and plans nothing; applying, undoing and tokens are an admin's, on this site only. */
function layoutGuards(): GuardCase[] {
  const layout = JSON.stringify({ layout: { version: 1, pools: [] }, basedOn: '0123456789abcdef' })
  const uuid = '0190d6a4-0000-7000-8000-000000000002'
  const reads: [route: string, target: string, body?: string][] = [
    ['GET /api/layout', '/api/layout?context=true'],
    ['GET /api/layout/drift', '/api/layout/drift'],
    ['GET /api/layout/applies', '/api/layout/applies'],
    ['GET /api/layout/applies/:id', `/api/layout/applies/${uuid}`],
    ['POST /api/layout/plan', '/api/layout/plan', layout],
  ]
  const cases: GuardCase[] = reads.map(([route, target, body]) => ({
    route,
    as: 'signed out',
    method: route.split(' ')[0]!,
    target,
    ...(body ? { body } : {}),
  }))
  cases.push({ route: 'GET /api/tokens', as: 'viewer', method: 'GET', target: '/api/tokens' })
  const changes: [route: string, target: string, body?: string][] = [
    ['POST /api/layout/applies', '/api/layout/applies', layout],
    ['POST /api/layout/applies/:id/undo', `/api/layout/applies/${uuid}/undo`],
    ['POST /api/tokens', '/api/tokens', JSON.stringify({ name: 'planted', scope: 'layout' })],
    ['DELETE /api/tokens/:id', `/api/tokens/${uuid}`],
  ]
  for (const [route, target, body] of changes)
    for (const as of ['signed out', 'viewer', 'cross-site admin'] as const)
      cases.push({ route, as, method: route.split(' ')[0]!, target, ...(body ? { body } : {}) })
  return cases
}

/** Alerts: signed out sees nothing; a viewer or a page on another site changes nothing and is sent nothing secret. */
function alertGuards(): GuardCase[] {
  const rule = JSON.stringify({
    measure: 'bounced',
    scope: { kind: 'every-pool' },
    threshold: 0.5,
    windowHours: 1,
    minVolume: 1,
  })
  const channel = JSON.stringify({
    kind: 'slack',
    name: 'planted',
    url: 'https://hooks.slack.com/services/T/B/planted',
  })
  const mute = JSON.stringify({ ruleId: 'default-bounced', scope: 'pool:marketing', until: '2099-01-01T00:00:00Z' })
  const uuid = '0190d6a4-0000-7000-8000-000000000001'
  const cases: GuardCase[] = [{ route: 'GET /api/alerts', as: 'signed out', method: 'GET', target: '/api/alerts' }]
  const changes: [route: string, target: string, body?: string][] = [
    ['POST /api/alerts/rules', '/api/alerts/rules', rule],
    ['PUT /api/alerts/rules/:id', '/api/alerts/rules/default-bounced', rule],
    ['DELETE /api/alerts/rules/:id', '/api/alerts/rules/default-bounced'],
    ['POST /api/alerts/incidents/:id/acknowledge', `/api/alerts/incidents/${uuid}/acknowledge`],
    ['PUT /api/alerts/mutes', '/api/alerts/mutes', mute],
    ['DELETE /api/alerts/mutes', '/api/alerts/mutes', mute],
    ['POST /api/alerts/channels', '/api/alerts/channels', channel],
    ['PUT /api/alerts/channels/:id', `/api/alerts/channels/${uuid}`, channel],
    ['DELETE /api/alerts/channels/:id', `/api/alerts/channels/${uuid}`],
    ['POST /api/alerts/channels/:id/test', `/api/alerts/channels/${uuid}/test`],
  ]
  for (const [route, target, body] of changes)
    for (const as of ['signed out', 'viewer', 'cross-site admin'] as const)
      cases.push({ route, as, method: route.split(' ')[0]!, target, ...(body ? { body } : {}) })
  return cases
}

/**
 * Routes open to everyone by design: what they answer holds nothing a session guards. The Event Webhook is SendGrid's
 * to call, and verified by its signature instead (webhooks.test.ts).
 */
const PUBLIC = [
  '/',
  '/healthz',
  '/readyz',
  '/proxy/status',
  '/auth/login',
  '/auth/callback',
  '/webhooks/sendgrid/events',
  '/*',
]

describe('every route, in every spelling, meets its guard', () => {
  it('lists every route the server has as guarded or public', async () => {
    const app = await buildServer({
      distDir: dist,
      dataDir: mkdtempSync(join(tmpdir(), 'data-')),
      store: shared(),
      signIn: {
        issuer: 'http://127.0.0.1:9/',
        clientId: 'a',
        clientSecret: 'b',
        publicUrl: 'http://localhost:4176',
        sessionSecret: SECRET,
        sessionSeconds: 60,
        admins: [],
      },
    })
    await app.ready()
    const guarded = new Set(GUARDED.map((c) => c.route.split(' ')[1]))
    const routes = new Set(app.routeList.map((route) => route.url))
    expect(routes.size).toBeGreaterThanOrEqual(14)
    for (const route of routes) expect(guarded.has(route) || PUBLIC.includes(route), route).toBe(true)
    await app.close()
  })

  it('answers the guarded answer to every spelling, and nothing reaches SendGrid or ends a session', async () => {
    const server = await withJournalledChange()
    const admin = await server.sessionFor(ADMIN)
    const authority = new URL(server.base).host
    const headersFor = async (persona: GuardCase['as']): Promise<Record<string, string>> => {
      if (persona === 'signed out') return {}
      if (persona === 'viewer') return { Cookie: await server.cookieFor(VIEWER), 'Sec-Fetch-Site': 'same-origin' }
      return { Cookie: admin.cookie, 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }
    }
    let sent = 0
    for (const guard of GUARDED) {
      const headers = await headersFor(guard.as)
      if (guard.body !== undefined) headers['Content-Type'] = 'application/json'
      const guarded = guard.target.replace(ADMIN_SESSION, admin.id)
      for (const target of [guarded, ...spellings(guarded, authority)]) {
        const answer: RawAnswer = await rawRequest(server.base, guard.method, target, headers, guard.body ?? '')
        sent += 1
        const what = `${guard.as} ${guard.method} ${target} → ${answer.status}`
        const isPage = answer.status === 200 && answer.headers['content-type']?.startsWith('text/html')
        expect(answer.status >= 400 || isPage, what).toBe(true)
        expect(answer.body, what).not.toContain(MARKER)
        expect(answer.body, what).not.toContain(ADMIN.email)
        expect(answer.headers['set-cookie'], what).toBeUndefined()
      }
    }
    expect(sent).toBeGreaterThan(500)
    expect(server.upstream.seen).toEqual([])
    const [row] = await shared().query('select revoked_at from sessions where id = $1', [admin.id])
    expect(row).toEqual({ revoked_at: null })
    for (const table of ['alert_rules', 'alert_channels', 'alert_mutes', 'layout_applies', 'access_tokens'])
      expect(await shared().query(`select * from ${table}`), table).toEqual([])
  })
})
