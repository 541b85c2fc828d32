/**
 * A dashboard for a team, as an attacker and as its users meet it: sessions in an encrypted cookie, admins who
 * change, viewers who look, and a journal of every change. The cookies here are made with the server's own secret
 * (as a sign-in would) or forged without it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { openJournal } from './journal.ts'
import { createSessionRegistry } from './session-registry.ts'
import { createSessions, type SessionUser } from './sessions.ts'
import { roleOf } from './identity.ts'
import { safeReturnPath } from './plugins/auth.ts'
import { serverPool, sharedStore } from './testing'

const SECRET = 'a-long-random-session-secret-for-tests-0123456789'
const ADMIN = { email: 'ana@example.com', name: 'Ana' }
const VIEWER = { email: 'vic@example.com', name: 'Vic' }
const GROUP_ADMIN = { email: 'gus@example.com', groups: ['mail-admins'] }

const dist = mkdtempSync(join(tmpdir(), 'dist-'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>app</title></head><body></body></html>')
const pool = serverPool()
const store = sharedStore()

const signIn = (sessionSeconds = 3600) => ({
  issuer: 'http://127.0.0.1:9/',
  clientId: 'dashboard',
  clientSecret: 'client-secret',
  publicUrl: 'http://localhost:4176',
  sessionSecret: SECRET,
  sessionSeconds,
  admins: ['ana@example.com'],
  adminGroup: 'mail-admins',
})

async function startTeamServer(upstreamAnswer?: Parameters<typeof pool.startUpstream>[0]) {
  const upstream = await pool.startUpstream(upstreamAnswer)
  const lines: string[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'))
      done()
    },
  })
  const { base } = await pool.start({
    apiKey: 'SG.server-key',
    upstream: upstream.url,
    distDir: dist,
    store: store(),
    signIn: signIn(),
    logStream,
  })
  /** The journal as the store has it, oldest first. */
  const journal = async () => (await openJournal(store()).read({ limit: 500 })).entries.reverse()
  return { base, seen: upstream.seen, journal, logs: () => lines.map((line) => JSON.parse(line)) }
}

const sessions = createSessions({ secret: SECRET, maxAgeSeconds: 3600, secure: false })
/** A cookie as a sign-in makes it: a session started in the store, sealed with the server's secret. */
const cookieFor = async (user: SessionUser, ttlSeconds = 3600) => {
  const id = await createSessionRegistry(store()).start(user, ttlSeconds)
  return `session=${await sessions.seal({ user: { ...user }, sid: id }, ttlSeconds)}`
}

describe('sessions', () => {
  it('read back the user they were made for, on any server that shares the secret', async () => {
    const token = await sessions.sealUser(ADMIN, 'session-1')
    const anotherReplica = createSessions({ secret: SECRET, maxAgeSeconds: 3600, secure: false })
    expect(await anotherReplica.read(token)).toEqual({ user: ADMIN, id: 'session-1' })
  })

  it('say an expired session ended, and know nothing of a forged or altered one', async () => {
    const expired = await sessions.seal({ user: ADMIN, sid: 'session-0' }, -1)
    expect(await sessions.read(expired)).toEqual({ ended: true })

    const forged = await createSessions({
      secret: 'another-secret-of-sufficient-length-0000',
      maxAgeSeconds: 60,
      secure: false,
    }).sealUser(ADMIN, 'session-3')
    expect(await sessions.read(forged)).toBeNull()
    const token = await sessions.sealUser(VIEWER, 'session-2')
    const altered = token.slice(0, -8) + (token.endsWith('AAAAAAAA') ? 'BBBBBBBB' : 'AAAAAAAA')
    expect(await sessions.read(altered)).toBeNull()
    expect(await sessions.read('not-a-token')).toBeNull()
    expect(await sessions.read(undefined)).toBeNull()
  })

  it('are __Host- cookies, Secure, HttpOnly and SameSite=Lax behind https', () => {
    const secure = createSessions({ secret: SECRET, maxAgeSeconds: 60, secure: true })
    expect(secure.cookie).toBe('__Host-session')
    expect(secure.sessionCookieOptions()).toMatchObject({ httpOnly: true, secure: true, sameSite: 'lax', path: '/' })
  })
})

describe('roles', () => {
  it('make the listed emails and the admin group admins, everyone else a viewer', () => {
    const settings = { admins: ['ana@example.com'], adminGroup: 'mail-admins' }
    expect(roleOf({ email: 'Ana@Example.com' }, settings)).toBe('admin')
    expect(roleOf(GROUP_ADMIN, settings)).toBe('admin')
    expect(roleOf(VIEWER, settings)).toBe('viewer')
    expect(roleOf({ email: 'x@example.com', groups: ['mail-admins'] }, { admins: [] })).toBe('viewer')
  })

  it('send people back only to a path on this site after signing in', () => {
    expect(safeReturnPath('/pools/EU%20promo?x=1')).toBe('/pools/EU%20promo?x=1')
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', 42])
      expect(safeReturnPath(bad)).toBe('/')
  })
})

describe('the team server', () => {
  it('asks everyone without a session to sign in, and says when a session ended', async () => {
    const { base, seen } = await startTeamServer()
    const none = await fetch(`${base}/v3/ips/pools`)
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ code: 'signed_out' })

    const expired = await fetch(`${base}/v3/ips/pools`, { headers: { Cookie: await cookieFor(ADMIN, -10) } })
    expect(expired.status).toBe(401)
    expect(await expired.json()).toEqual({
      errors: [{ field: null, message: 'Your session ended: sign in again.' }],
      code: 'session_ended',
    })
    const activity = await fetch(`${base}/api/activity`)
    expect(activity.status).toBe(401)
    expect(seen).toEqual([])
  })

  it('refuses a forged cookie as if there were none', async () => {
    const { base, seen } = await startTeamServer()
    const forged = createSessions({
      secret: 'guessed-secret-guessed-secret-guessed-00',
      maxAgeSeconds: 60,
      secure: false,
    })
    const response = await fetch(`${base}/v3/ips/pools`, {
      headers: { Cookie: `session=${await forged.sealUser(ADMIN, 'session-3')}` },
    })
    expect(response.status).toBe(401)
    expect(seen).toEqual([])
  })

  it("lets a viewer look, refuses a viewer's change with 403 and a sentence, and nothing reaches SendGrid", async () => {
    const { base, seen, logs } = await startTeamServer()
    const cookie = await cookieFor(VIEWER)
    expect((await fetch(`${base}/v3/ips/pools`, { headers: { Cookie: cookie } })).status).toBe(200)
    for (const [method, path, body] of [
      ['POST', '/v3/ips/pools', '{"name":"planted"}'],
      ['PUT', '/v3/ips/pools/marketing', '{"name":"renamed"}'],
      ['DELETE', '/v3/ips/pools/marketing', undefined],
      ['POST', '/v3/ips/pools/marketing/ips', '{"ip":"192.0.2.1"}'],
      ['DELETE', '/v3/ips/warmup/192.0.2.1', undefined],
    ] as const) {
      const response = await fetch(base + path, {
        method,
        headers: { Cookie: cookie, 'Content-Type': 'application/json', 'X-HTTP-Method-Override': 'GET' },
        body,
      })
      expect(response.status, `${method} ${path}`).toBe(403)
      expect(await response.json()).toEqual({
        errors: [{ field: null, message: 'You can view; changes need an admin.' }],
        code: 'viewer',
      })
    }
    expect(seen.map((s) => s.method)).toEqual(['GET'])
    expect(logs().filter((line) => line.msg === 'refused')).toHaveLength(5)
  })

  it('says who is signed in and their role on /proxy/status', async () => {
    const { base } = await startTeamServer()
    const status = async (cookie?: string) =>
      (await (await fetch(`${base}/proxy/status`, { headers: cookie ? { Cookie: cookie } : {} })).json()).session
    expect(await status()).toEqual({ signInRequired: true, user: null, role: 'none' })
    expect(await status(await cookieFor(ADMIN, -5))).toEqual({
      signInRequired: true,
      user: null,
      role: 'none',
      ended: true,
    })
    expect(await status(await cookieFor(ADMIN))).toEqual({ signInRequired: true, user: ADMIN, role: 'admin' })
    expect(await status(await cookieFor(GROUP_ADMIN))).toMatchObject({ role: 'admin' })
    expect(await status(await cookieFor(VIEWER))).toMatchObject({ role: 'viewer' })
  })

  it('writes who is signed in into the page for that person only, and no name can break out of it', async () => {
    const { base } = await startTeamServer()
    const statusIn = async (cookie?: string) => {
      const response = await fetch(`${base}/pools`, { headers: cookie ? { Cookie: cookie } : {} })
      expect(response.headers.get('cache-control')).toBe('no-cache, private')
      const page = await response.text()
      expect(page.match(/<script/g)).toHaveLength(1)
      return JSON.parse(/<script id="server-status" type="application\/json">(.*?)<\/script>/.exec(page)?.[1] ?? 'null')
    }
    expect((await statusIn()).session).toEqual({ signInRequired: true, user: null, role: 'none' })
    const page = async (cookie?: string, path = '/pools') =>
      (await fetch(`${base}${path}`, { headers: cookie ? { Cookie: cookie } : {} })).text()
    // Nobody signed in: the read would be refused, so the browser is not asked to make it.
    expect(await page()).not.toContain('rel="preload"')
    expect(await page(undefined, '/ips')).not.toContain('rel="preload"')
    expect(await page(await cookieFor(VIEWER))).toContain(
      '<link rel="preload" href="/v3/ips/pools" as="fetch" crossorigin>',
    )
    expect(await page(await cookieFor(VIEWER), '/ips')).toContain(
      '<link rel="preload" href="/v3/ips?limit=1000&amp;offset=0" as="fetch" crossorigin>',
    )
    expect((await statusIn(await cookieFor(VIEWER))).session).toEqual({
      signInRequired: true,
      user: VIEWER,
      role: 'viewer',
    })
    const hostile = { email: 'eve@example.com', name: '</script><script>alert(1)</script><!--' }
    expect((await statusIn(await cookieFor(hostile))).session.user).toEqual(hostile)
    // Replacement patterns would copy the page's own head (and its </script>) into the data block.
    const patterned = { email: 'pat@example.com', name: "$` $& $' $$" }
    expect((await statusIn(await cookieFor(patterned))).session.user).toEqual(patterned)
  })

  it("journals an admin's changes with who, what and SendGrid's answer, before answering, and serves them newest first", async () => {
    const { base, journal, logs } = await startTeamServer((req, res) => {
      res.setHeader('Content-Type', 'application/json')
      if (req.method === 'DELETE') {
        res.statusCode = 404
        res.end('{"error":"Unable to locate specified IPs Pool"}')
      } else res.end(req.body || '[]')
    })
    const cookie = await cookieFor(ADMIN)
    const send = (method: string, path: string, body?: object) =>
      fetch(base + path, {
        method,
        headers: { Cookie: cookie, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body && JSON.stringify(body),
      })
    await send('POST', '/v3/ips/pools', { name: 'EU / promo' })
    await send('PUT', `/v3/ips/pools/${encodeURIComponent('EU / promo')}`, { name: 'EU promo' })
    await send('POST', '/v3/ips/pools/EU%20promo/ips', { ip: '192.0.2.1' })
    await send('DELETE', '/v3/ips/pools/gone')
    await send('GET', '/v3/ips/pools')

    expect(await journal()).toEqual([
      expect.objectContaining({ user: 'ana@example.com', action: 'create', pool: 'EU / promo', status: 200, ok: true }),
      expect.objectContaining({ action: 'rename', pool: 'EU / promo', oldName: 'EU / promo', newName: 'EU promo' }),
      expect.objectContaining({ action: 'add-ip', pool: 'EU promo', ip: '192.0.2.1', ok: true }),
      expect.objectContaining({
        action: 'delete',
        pool: 'gone',
        status: 404,
        ok: false,
        message: 'Unable to locate specified IPs Pool',
      }),
    ])
    expect(
      logs()
        .filter((line) => line.msg === 'change')
        .map((line) => line.action),
    ).toEqual(['create', 'rename', 'add-ip', 'delete'])
    expect(logs().find((line) => line.msg === 'request' && line.method === 'POST')).toMatchObject({
      user: 'ana@example.com',
    })

    const page = await (
      await fetch(`${base}/api/activity?pool=EU%20promo&limit=10`, { headers: { Cookie: cookie } })
    ).json()
    expect(page.entries.map((e: { action: string }) => e.action)).toEqual(['add-ip', 'rename'])
    const viewerReads = await fetch(`${base}/api/activity`, { headers: { Cookie: await cookieFor(VIEWER) } })
    expect(viewerReads.status).toBe(200)
  })

  it('signs out: the session cookie is cleared, and a sign-out from another site is refused', async () => {
    const { base } = await startTeamServer()
    const cookie = await cookieFor(ADMIN)
    // As the app bar's form sends it: a form body, and Origin "null" under Referrer-Policy: no-referrer.
    const out = await fetch(`${base}/auth/logout`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'null',
        'Sec-Fetch-Site': 'same-origin',
      },
      body: '',
      redirect: 'manual',
    })
    expect(out.status).toBe(303)
    expect(out.headers.get('set-cookie')).toMatch(/^session=;.*Expires=Thu, 01 Jan 1970/)
    const forged = await fetch(`${base}/auth/logout`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'https://evil.example' },
      redirect: 'manual',
    })
    expect(forged.status).toBe(403)
  })

  it('says in a page of its own when the identity provider cannot be reached', async () => {
    const { base } = await startTeamServer()
    const response = await fetch(`${base}/auth/login?returnTo=/pools`, { redirect: 'manual' })
    expect(response.status).toBe(502)
    expect(await response.text()).toContain('The identity provider (127.0.0.1:9) could not be reached.')
  })
})
