/**
 * A team's servers and their store as they fail: several servers on one PostgreSQL agree on the journal and on
 * sessions; a store that goes away refuses changes in words and comes back without a restart; a server killed in
 * the middle of changes leaves every answered change complete and the others said as unknown.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { MESSAGES } from '../src/shared/messages.ts'
import { CACHE_MS, createSessionRegistry } from './session-registry.ts'
import { createSessions, type SessionUser } from './sessions.ts'
import { openEmbedded, openPostgres, type Store } from './store/store.ts'
import { ENGINES, READY, createTestStore, serverPool, startOwnPostgres, startTcpRelay } from './testing'

const SECRET = 'a-long-random-session-secret-for-tests-0123456789'
const ADMIN = { email: 'ana@example.com', name: 'Ana' }
const dist = mkdtempSync(join(tmpdir(), 'dist-'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>app</title></head><body></body></html>')
const pool = serverPool()
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() })
const sessions = createSessions({ secret: SECRET, maxAgeSeconds: 3600, secure: false })

async function teamServer(store: Store, upstream: string) {
  const { base } = await pool.start({
    apiKey: 'SG.server-key',
    upstream,
    distDir: dist,
    store,
    signIn: {
      issuer: 'http://127.0.0.1:9/',
      clientId: 'dashboard',
      clientSecret: 'secret',
      publicUrl: 'http://localhost:4176',
      sessionSecret: SECRET,
      sessionSeconds: 3600,
      admins: [ADMIN.email],
    },
    logStream: quiet,
  })
  return base
}

const json = { 'Content-Type': 'application/json' }

describe.each(ENGINES.filter((engine) => engine === 'postgres'))('several servers on one %s', () => {
  it('share the journal and the sessions: a change, a session and a sign-out on one hold on the other', async () => {
    const { url, dispose } = await createTestStore('postgres')
    const [storeA, storeB] = [await openPostgres(url!), await openPostgres(url!)]
    const upstream = await pool.startUpstream()
    const [a, b] = [await teamServer(storeA, upstream.url), await teamServer(storeB, upstream.url)]

    const id = await createSessionRegistry(storeA).start(ADMIN, 3600)
    const cookie = `session=${await sessions.sealUser(ADMIN as SessionUser, id)}`
    const created = await fetch(`${a}/v3/ips/pools`, {
      method: 'POST',
      headers: { ...json, Cookie: cookie },
      body: '{"name":"made on A"}',
    })
    expect(created.status).toBe(200)
    const onB = await (await fetch(`${b}/api/activity`, { headers: { Cookie: cookie } })).json()
    expect(onB.entries).toEqual([expect.objectContaining({ action: 'create', pool: 'made on A', status: 200 })])

    const out = await fetch(`${a}/auth/logout`, { method: 'POST', headers: { Cookie: cookie }, redirect: 'manual' })
    expect(out.status).toBe(303)
    await vi.waitFor(
      async () => expect((await fetch(`${b}/v3/ips/pools`, { headers: { Cookie: cookie } })).status).toBe(401),
      { timeout: CACHE_MS + 20_000, interval: 200 },
    )
    await Promise.all([storeA.close(), storeB.close()])
    await dispose()
  })

  it('when the database goes away: changes refused in words, reads go on, /readyz says so, and all recovers', async () => {
    const { dispose, database } = await createTestStore('postgres')
    const relay = await startTcpRelay(process.env.TEST_DATABASE_URL!)
    const store = await openPostgres(relay.url(database!))
    const upstream = await pool.startUpstream()
    const base = await teamServer(store, upstream.url)
    const id = await createSessionRegistry(store).start(ADMIN, 3600)
    const cookie = `session=${await sessions.sealUser(ADMIN as SessionUser, id)}`
    expect((await fetch(`${base}/v3/ips/pools`, { headers: { Cookie: cookie } })).status).toBe(200)

    await relay.cut()
    const change = await fetch(`${base}/v3/ips/pools`, {
      method: 'POST',
      headers: { ...json, Cookie: cookie },
      body: '{"name":"while down"}',
    })
    expect(change.status).toBe(503)
    expect((await change.json()).errors[0].message).toBe(MESSAGES.journalUnwritable)
    expect(upstream.seen.filter((seen) => seen.method === 'POST')).toEqual([])
    expect((await fetch(`${base}/v3/ips/pools`, { headers: { Cookie: cookie } })).status).toBe(200)
    const journal = await fetch(`${base}/api/activity`, { headers: { Cookie: cookie } })
    expect(journal.status).toBe(503)
    expect((await journal.json()).errors[0].message).toBe(MESSAGES.storeUnavailable)
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    const ready = await fetch(`${base}/readyz`)
    expect([ready.status, await ready.json()]).toEqual([503, { store: 'unreachable' }])

    await relay.restore()
    await vi.waitFor(async () => expect((await fetch(`${base}/readyz`)).status).toBe(200), READY)
    const after = await fetch(`${base}/v3/ips/pools`, {
      method: 'POST',
      headers: { ...json, Cookie: cookie },
      body: '{"name":"after"}',
    })
    expect(after.status).toBe(200)
    await store.close()
    await relay.close()
    await dispose()
  })
})

describe.each(ENGINES.filter((engine) => engine === 'postgres'))('a frozen %s', () => {
  it('refuses a change it cannot journal in time, and the journal never says it was done or of unknown outcome', async () => {
    const database = await startOwnPostgres()
    try {
      const store = await openPostgres(database.url)
      const upstream = await pool.startUpstream((req, res) =>
        res.setHeader('Content-Type', 'application/json').end(req.body),
      )
      const { app, base } = await pool.start({
        apiKey: 'SG.server-key',
        upstream: upstream.url,
        distDir: dist,
        store,
        logStream: quiet,
      })
      const create = (name: string) =>
        fetch(`${base}/v3/ips/pools`, { method: 'POST', headers: json, body: JSON.stringify({ name }) })
      expect((await create('before')).status).toBe(200)

      database.freeze() // every process of the database stopped, as SIGSTOP leaves a hung server
      const refused = await create('while frozen')
      expect(refused.status).toBe(503)
      expect((await refused.json()).errors[0].message).toBe(MESSAGES.journalUnwritable)
      expect(upstream.seen.map((seen) => JSON.parse(seen.body).name)).toEqual(['before'])
      database.thaw() // it now carries out what it had been sent before it stopped

      // Once the database answers, the refused change reads as refused (or is not there), and stays so.
      const entriesOf = async () =>
        (
          (await (await fetch(`${base}/api/activity`)).json()) as {
            entries: { pool: string; status?: number; ok?: boolean }[]
          }
        ).entries
      await vi.waitFor(async () => {
        const frozen = (await entriesOf()).filter((entry) => entry.pool === 'while frozen')
        expect(frozen.every((entry) => entry.status === 503 && entry.ok === false)).toBe(true)
        expect(frozen.length).toBeLessThanOrEqual(1)
      }, READY)
      await new Promise((done) => setTimeout(done, 3000)) // a late write of the first attempt would land by now
      const settled = (await entriesOf()).filter((entry) => entry.pool === 'while frozen')
      expect(settled.every((entry) => entry.status === 503 && entry.ok === false)).toBe(true)
      expect((await entriesOf()).find((entry) => entry.pool === 'before')).toMatchObject({ status: 200, ok: true })
      await app.close()
      await store.close()
    } finally {
      database.thaw()
      await database.stop()
    }
  }, 120_000)
})

describe.each(ENGINES)('a server killed in the middle of 50 changes (%s store)', (engine) => {
  it('has every answered change complete after restart, none half-written, the rest sent or not begun', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'data-'))
    const made = engine === 'postgres' ? await createTestStore('postgres') : undefined
    const upstream = await pool.startUpstream((req, res) => {
      setTimeout(() => res.setHeader('Content-Type', 'application/json').end(req.body), 20 + Math.random() * 2000)
    })
    const start = () =>
      pool.serve({
        DIST_DIR: dist,
        DATA_DIR: dataDir,
        SENDGRID_API_KEY: 'SG.key',
        SENDGRID_API_BASE: upstream.url,
        ...(made ? { DATABASE_URL: made.url! } : {}),
      })

    const first = await start()
    const base = first.base
    const answered: string[] = []
    const changes = Array.from({ length: 50 }, (_, i) =>
      fetch(`${base}/v3/ips/pools`, { method: 'POST', headers: json, body: JSON.stringify({ name: `change-${i}` }) })
        .then((response) => response.status === 200 && answered.push(`change-${i}`))
        .catch(() => {}),
    )
    await vi.waitFor(() => expect(answered.length).toBeGreaterThanOrEqual(10), { ...READY, interval: 10 })
    first.child.kill('SIGKILL')
    await first.exited
    await Promise.all(changes)
    expect(answered.length).toBeLessThan(50)

    const sent = upstream.seen.map((seen) => JSON.parse(seen.body).name as string)
    const store = made ? await openPostgres(made.url!) : await openEmbedded(join(dataDir, 'store'))
    const rows = await store.query<{ pool: string; status: number | null; ok: boolean | null; user_email: string }>(
      'select pool, status, ok, user_email from activity',
    )
    await store.close()
    const byPool = new Map(rows.map((row) => [row.pool, row]))
    for (const name of answered)
      expect(byPool.get(name), name).toMatchObject({ status: 200, ok: true, user_email: 'local' })
    for (const name of sent) expect(byPool.has(name), `${name} reached SendGrid`).toBe(true)
    for (const row of rows) {
      expect(row.user_email).toBe('local')
      expect(row.status === null ? row.ok : typeof row.ok).toBe(row.status === null ? null : 'boolean')
    }
    const unknown = rows.filter((row) => row.status === null).map((row) => row.pool)
    for (const name of unknown) expect(answered, name).not.toContain(name)

    const second = await start()
    const again = second.base
    const { entries } = await (await fetch(`${again}/api/activity?limit=100`)).json()
    expect(entries).toHaveLength(rows.length)
    second.child.kill('SIGTERM')
    await second.exited
    await made?.dispose()
  }, 120_000)
})
