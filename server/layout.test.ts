/**
 * The pool layout as a file, through the real server against a fake SendGrid that keeps what it is told: plans with
 * every warning, an apply that a 500 stops half-way and a second apply completes, undo, drift after a change made
 * straight in SendGrid, and access tokens as a pipeline (and an attacker) would use them.
 */
import { describe, expect, it } from 'vitest'
import { startFakeAccount, sendGridError } from '../e2e/servers/fake-account.ts'
import type { ApplyView, DriftView, NewToken, PlanView, TokenView } from '../src/shared/layout-api.ts'
import type { LayoutFile } from '../src/shared/layout-file.ts'
import { planText } from '../src/shared/layout-text.ts'
import { openJournal } from './journal.ts'
import { createToken, revokeLayoutTokensOf, tokenOf } from './layout/tokens.ts'
import { createSessionRegistry } from './session-registry.ts'
import { createSessions } from './sessions.ts'
import { ENGINES, READY, postBatch, serverPool, sharedStore, webhookSigner } from './testing'

const pool = serverPool()
const { publicKey, signed } = webhookSigner()

interface Answer<T = unknown> {
  status: number
  json: T
}

async function startDashboard(
  store: ReturnType<typeof sharedStore>,
  fake: Awaited<ReturnType<typeof startFakeAccount>>,
  extra: Record<string, unknown> = {},
) {
  pool.track(fake.server)
  const { base } = await pool.start({
    apiKey: 'SG.server-key',
    upstream: fake.url,
    store: store(),
    webhookPublicKey: publicKey,
    ...extra,
  })
  const api = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const answer = await fetch(`${base}/api${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    const text = await answer.text()
    return { status: answer.status, json: (text ? JSON.parse(text) : undefined) as T } satisfies Answer<T>
  }
  const exported = async () => (await api<LayoutFile>('GET', '/layout')).json
  const plan = async (layout: LayoutFile) => api<PlanView>('POST', '/layout/plan', { layout })
  /** Resolves with the apply once it has ended. */
  const ended = async (id: string) => {
    await expect
      .poll(async () => (await api<ApplyView>('GET', `/layout/applies/${id}`)).json.status, READY)
      .not.toBe('running')
    return (await api<ApplyView>('GET', `/layout/applies/${id}`)).json
  }
  const accountNow = async () => (await exported()).pools.map((one) => ({ name: one.name, ips: one.ips }))
  return { base, api, exported, plan, ended, accountNow }
}

const withPool = (layout: LayoutFile, name: string, ips: string[], renamedFrom?: string): LayoutFile => ({
  ...layout,
  pools: [
    ...layout.pools.filter((one) => one.name !== name && one.name !== renamedFrom),
    { name, ips, ...(renamedFrom ? { renamedFrom } : {}) },
  ],
})

describe('a layout plan', () => {
  const store = sharedStore()

  it('says every change grouped by pool, with what the dashboard knows, and sends nothing', async () => {
    const fake = await startFakeAccount()
    const { base, exported, plan } = await startDashboard(store, fake)
    // The week's mail through transactional, from signed webhook events.
    const now = Math.floor(Date.now() / 1000)
    const events = Array.from({ length: 30 }, (_, i) => ({
      sg_event_id: `e${i}`,
      sg_message_id: `m${i}.filter`,
      email: `r${i}@example.com`,
      timestamp: now - 3600,
      event: 'processed',
      pool: { name: 'transactional', id: 1 },
    }))
    expect((await postBatch(base, signed(events))).status).toBe(202)
    await expect.poll(async () => (await store().query('select id from webhook_batches')).length, READY).toBe(0)

    const layout = await exported()
    let wanted = layout
    wanted = { ...wanted, pools: wanted.pools.filter((one) => one.name !== 'transactional') }
    wanted = withPool(wanted, 'billing-eu', ['192.0.2.13', '192.0.2.40'], 'billing')
    wanted = withPool(wanted, 'Marketing ', ['203.0.113.99', '203.0.113.7', '198.18.9.9', '192.0.2.11'])
    wanted = withPool(wanted, 'password-resets', [])
    const changes = fake.changes().length

    const { status, json } = await plan(wanted)
    expect(status).toBe(200)
    const text = planText(json.plan)
    expect(text).toContain('rename pool “billing” to “billing-eu”')
    expect(text).toContain('create pool “Marketing ”')
    expect(text).toContain('Differs from “marketing”')
    expect(text).toMatch(/add 203\.0\.113\.99 to “Marketing ”\n\s+refused: Its reverse DNS is not valid/)
    expect(text).toMatch(
      /add 203\.0\.113\.7 to “Marketing ”.*\n\s+warning: Day 2 of warmup: it may send at most 28 messages an hour/,
    )
    expect(text).toMatch(/add 198\.18\.9\.9 to “Marketing ”\n\s+refused: This IP is not on the account/)
    expect(text).toMatch(/add 192\.0\.2\.11 to “Marketing ” \(moves from “transactional”\)/)
    expect(text).toMatch(/delete pool “transactional”\n\s+warning: It sent 30 messages in the last 7 days/)
    expect(text).toMatch(/remove 203\.0\.113\.7 from “password-resets” \(moves to “Marketing ”\)/)
    expect(json.refusals).toHaveLength(2)
    // Creates and adds go before removes and deletes.
    const kinds = json.plan.steps.map((step) => step.kind)
    expect(kinds.lastIndexOf('add')).toBeLessThan(kinds.indexOf('remove'))
    expect(kinds.at(-1)).toBe('delete')
    expect(fake.changes().length).toBe(changes)

    const many: LayoutFile = {
      version: 1,
      pools: Array.from({ length: 101 }, (_, i) => ({ name: `pool-${i}`, ips: [] })),
    }
    expect((await plan(many)).json.refusals[0]).toBe('The layout has 101 pools; SendGrid allows 100.')
  })

  it('refuses a file with problems, each at its place, before reading the account', async () => {
    const fake = await startFakeAccount()
    const { base, plan } = await startDashboard(store, fake)
    await store().query('delete from layout_applies')
    const reads = fake.seen.length
    const bad = {
      version: 1,
      pools: [
        { name: '.hidden', ips: ['not-an-ip'] },
        { name: 'x'.repeat(65), ips: [], extra: 1 },
      ],
    }
    const { status, json } = await plan(bad as unknown as LayoutFile)
    expect(status).toBe(400)
    expect((json as unknown as { problems: { at: string; message: string }[] }).problems).toEqual([
      { at: 'pools[0].name', message: 'cannot start with a dot or a space.' },
      { at: 'pools[0].ips[0]', message: '"not-an-ip" is not an IP address.' },
      { at: 'pools[1].extra', message: 'is not part of a pool.' },
      { at: 'pools[1].name', message: 'must be 2 to 64 characters long (it has 65).' },
    ])
    expect(fake.seen.length).toBe(reads)

    // What the store cannot keep (a NUL, half a character) is refused at the door, not half-way through an apply.
    for (const name of ['nul\u0000pool', 'half\ud800']) {
      const body = `{"layout":{"version":1,"pools":[{"name":${JSON.stringify(name)},"ips":[]}]},"basedOn":"0123456789abcdef"}`
      for (const path of ['/api/layout/plan', '/api/layout/applies']) {
        const answer = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
        expect(answer.status, `${path} ${JSON.stringify(name)}`).toBe(400)
        expect((await answer.json()).problems).toEqual([
          { at: 'pools[0].name', message: 'must not hold a NUL or half a character.' },
        ])
      }
    }
    expect(fake.seen.length).toBe(reads)
    expect(await store().query('select id from layout_applies')).toEqual([])
  })
})

describe.each(ENGINES)('applying a layout on the %s store', (engine) => {
  const store = sharedStore(engine)

  it('stops at a 500, says what was done, and a second apply completes it; undo restores the account', async () => {
    let adds = 0
    const fake = await startFakeAccount({
      misbehave: (request) => {
        const addsIp = request.method === 'POST' && /\/v3\/ips\/pools\/[^/]+\/ips$/.test(new URL(request.url).pathname)
        if (addsIp && (adds += 1) === 2) return sendGridError(500, 'internal server error')
        return undefined
      },
    })
    const { api, exported, plan, ended, accountNow } = await startDashboard(store, fake)
    let wanted = await exported()
    wanted = withPool(wanted, 'eu-transactional', ['203.0.113.50', '203.0.113.51', '192.0.2.12'])
    wanted = withPool(wanted, 'billing', ['192.0.2.13'])
    const first = (await plan(wanted)).json
    expect(first.plan.steps.map((step) => step.kind)).toEqual(['create', 'add', 'add', 'add', 'remove'])

    const sentBefore = fake.changes().length
    const started = await api<ApplyView>('POST', '/layout/applies', { layout: wanted, basedOn: first.plan.basedOn })
    expect(started.status).toBe(202)
    const stopped = await ended(started.json.id)
    expect(stopped.status).toBe('failed')
    expect(stopped.message).toBe(
      'Stopped at change 3 of 5 (add 203.0.113.50 to “eu-transactional”): internal server error. ' +
        '2 made before it; 2 not sent.',
    )
    expect(stopped.steps.map((step) => step.state)).toEqual(['done', 'done', 'failed', 'pending', 'pending'])
    // Nothing after the failure was sent.
    expect(fake.changes().length - sentBefore).toBe(3)

    // The plan again, against the account as it is now, holds what is left; the first plan is refused as stale.
    const rest = (await plan(wanted)).json
    expect(rest.plan.steps.map((step) => step.kind)).toEqual(['add', 'add', 'remove'])
    const stale = await api<{ replan: PlanView }>('POST', '/layout/applies', {
      layout: wanted,
      basedOn: first.plan.basedOn,
    })
    expect(stale.status).toBe(409)
    expect(stale.json.replan.plan.basedOn).toBe(rest.plan.basedOn)
    const second = await api<ApplyView>('POST', '/layout/applies', { layout: wanted, basedOn: rest.plan.basedOn })
    expect((await ended(second.json.id)).status).toBe('done')
    expect((await plan(wanted)).json.plan.steps).toEqual([])

    // Each change is journalled under its apply.
    const journal = (await openJournal(store()).read({ limit: 200 })).entries
    const ofSecond = journal.filter((entry) => entry.apply === second.json.id).map((entry) => entry.action)
    expect(ofSecond.sort()).toEqual(['add-ip', 'add-ip', 'layout-apply', 'remove-ip'])

    // Undo: the first apply no longer can be (one came after it); the second can, once, as one step.
    expect((await api('POST', `/layout/applies/${started.json.id}/undo`)).status).toBe(409)
    const undo = await api<ApplyView>('POST', `/layout/applies/${second.json.id}/undo`)
    expect(undo.status).toBe(202)
    expect(undo.json.undoOf).toBe(second.json.id)
    expect((await ended(undo.json.id)).status).toBe('done')
    expect((await api('POST', `/layout/applies/${second.json.id}/undo`)).status).toBe(409)
    const now = await accountNow()
    expect(now.find((one) => one.name === 'billing')!.ips).toEqual(['192.0.2.13', '192.0.2.40'])
    expect(now.find((one) => one.name === 'eu-transactional')!.ips).toEqual(['192.0.2.12'])
  })

  it('waits out a rate limit until SendGrid says it lifts, and goes on', async () => {
    let limited = false
    const fake = await startFakeAccount({
      misbehave: (request) => {
        if (limited || request.method !== 'POST') return undefined
        limited = true
        return sendGridError(429, 'too many requests', { 'Retry-After': '1' })
      },
    })
    const { api, exported, plan, ended } = await startDashboard(store, fake)
    await store().query('delete from layout_applies')
    const wanted = withPool(await exported(), 'rate-limited', ['203.0.113.50'])
    const planned = (await plan(wanted)).json
    const started = await api<ApplyView>('POST', '/layout/applies', { layout: wanted, basedOn: planned.plan.basedOn })
    expect((await ended(started.json.id)).status).toBe('done')
    expect(fake.changes().map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v3/ips/pools',
      'POST /v3/ips/pools',
      'POST /v3/ips/pools/rate-limited/ips',
    ])
  })

  it('refuses to undo once the account changed, and says the drift from the last layout applied', async () => {
    const fake = await startFakeAccount()
    const { api, exported, plan, ended } = await startDashboard(store, fake)
    // The store is shared by this file's tests: none of their applies is this account's.
    await store().query('delete from layout_applies')
    expect((await api<DriftView>('GET', '/layout/drift')).json).toEqual({
      lastApplied: null,
      restore: null,
      layout: null,
    })
    const wanted = withPool(await exported(), 'billing-eu', ['192.0.2.13', '192.0.2.40'], 'billing')
    const planned = (await plan(wanted)).json
    expect(planned.plan.steps.map((step) => step.kind)).toEqual(['rename'])
    const applied = await api<ApplyView>('POST', '/layout/applies', { layout: wanted, basedOn: planned.plan.basedOn })
    expect((await ended(applied.json.id)).status).toBe('done')
    const clean = (await api<DriftView>('GET', '/layout/drift')).json
    expect(clean.lastApplied?.id).toBe(applied.json.id)
    expect(clean.restore?.plan.steps).toEqual([])

    // Someone adds an IP in SendGrid's console.
    const added = await fetch(`${fake.url}/v3/ips/pools/billing-eu/ips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer SG.other-tool' },
      body: JSON.stringify({ ip: '203.0.113.50' }),
    })
    expect(added.status).toBe(201)
    const drift = (await api<DriftView>('GET', '/layout/drift')).json
    expect(planText(drift.restore!.plan)).toContain('remove 203.0.113.50 from “billing-eu”')
    const undo = await api<{ errors: { message: string }[] }>('POST', `/layout/applies/${applied.json.id}/undo`)
    expect(undo.status).toBe(409)
    expect(undo.json.errors[0]!.message).toMatch(/The account changed since that apply/)
  })
})

describe('an apply whose server stopped', () => {
  const store = sharedStore()

  it('reads as interrupted once its heartbeat has stopped, and no longer holds up the next apply', async () => {
    const fake = await startFakeAccount()
    const { api, exported, plan, ended } = await startDashboard(store, fake)
    await store().query('delete from layout_applies')
    const wanted = withPool(await exported(), 'after-a-crash', [])
    const planned = (await plan(wanted)).json
    // A server killed mid-apply: its row says running, and nothing beats for it any more.
    const [{ id }] = await store().query<{ id: string }>(
      `insert into layout_applies (id, started_by, status, before_layout, layout, heartbeat_at)
       values (gen_random_uuid(), 'ana@example.com', 'running', '{"pools":[]}', '{"version":1,"pools":[]}',
               now() - interval '2 minutes') returning id`,
    )
    const cut = (await api<ApplyView>('GET', `/layout/applies/${id}`)).json
    expect(cut.status).toBe('interrupted')
    expect(cut.message).toMatch(/^The server running it stopped/)
    const next = await api<ApplyView>('POST', '/layout/applies', { layout: wanted, basedOn: planned.plan.basedOn })
    expect(next.status).toBe(202)
    expect((await ended(next.json.id)).status).toBe('done')
  })

  it('refuses a second apply while one runs, in words', async () => {
    const fake = await startFakeAccount()
    const { api, exported, plan } = await startDashboard(store, fake)
    await store().query('delete from layout_applies')
    await store().query(
      `insert into layout_applies (id, started_by, status, before_layout, layout)
       values (gen_random_uuid(), 'ana@example.com', 'running', '{"pools":[]}', '{"version":1,"pools":[]}')`,
    )
    const wanted = withPool(await exported(), 'while-running', [])
    const planned = (await plan(wanted)).json
    const refused = await api<{ errors: { message: string }[] }>('POST', '/layout/applies', {
      layout: wanted,
      basedOn: planned.plan.basedOn,
    })
    expect(refused.status).toBe(409)
    expect(refused.json.errors[0]!.message).toBe(
      'Another layout apply is running: wait for it to end, then plan again.',
    )
    expect(fake.changes()).toEqual([])
    await store().query('delete from layout_applies')
  })
})

describe('access tokens', () => {
  const store = sharedStore()
  const SECRET = 'a-long-random-session-secret-for-tests-0123456789'
  const sessions = createSessions({ secret: SECRET, maxAgeSeconds: 3600, secure: false })
  const signIn = {
    issuer: 'http://127.0.0.1:9/',
    clientId: 'dashboard',
    clientSecret: 'client-secret',
    publicUrl: 'http://localhost:4176',
    sessionSecret: SECRET,
    sessionSeconds: 3600,
    admins: ['ana@example.com'],
  }
  const cookieFor = async (email: string) => {
    const id = await createSessionRegistry(store()).start({ email }, 3600)
    return { cookie: `session=${await sessions.seal({ user: { email }, sid: id }, 3600)}` }
  }

  it('are made by an admin, shown once, limited to their scope and to the layout, and refused once revoked', async () => {
    const fake = await startFakeAccount()
    const { api, exported } = await startDashboard(store, fake, { signIn })
    const admin = await cookieFor('ana@example.com')
    const viewer = await cookieFor('vic@example.com')
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

    expect((await api('POST', '/tokens', { name: 'ci', scope: 'layout' }, viewer)).status).toBe(403)
    expect((await api('POST', '/tokens', { name: 'x', scope: 'everything' }, admin)).status).toBe(400)
    const deploy = (await api<NewToken>('POST', '/tokens', { name: 'deploy pipeline', scope: 'layout' }, admin)).json
    const reader = (await api<NewToken>('POST', '/tokens', { name: 'pull requests', scope: 'read' }, admin)).json
    expect(deploy.token).toMatch(/^ipd_[\w-]{43}$/)
    const listed = (await api<{ tokens: TokenView[] }>('GET', '/tokens', undefined, admin)).json.tokens
    expect(listed.map((token) => token.name)).toEqual(['pull requests', 'deploy pipeline'])
    expect(JSON.stringify(listed)).not.toContain(deploy.token)
    expect(
      (await store().query<{ hash: string }>('select hash from access_tokens')).map((row) => row.hash),
    ).not.toContain(deploy.token)

    // Without a cookie, the token reads and plans; only a layout token applies; neither reaches anything else.
    const layout = (await api<LayoutFile>('GET', '/layout', undefined, bearer(reader.token))).json
    expect(layout.pools.length).toBeGreaterThan(0)
    expect(await exported()).toEqual({
      errors: [{ field: null, message: 'Sign in to use the dashboard.' }],
      code: 'signed_out',
    })
    const wanted = withPool(layout, 'ci-made', [])
    const planned = await api<PlanView>('POST', '/layout/plan', { layout: wanted }, bearer(reader.token))
    expect(planned.status).toBe(200)
    const body = { layout: wanted, basedOn: planned.json.plan.basedOn }
    const refused = await api<{ errors: { message: string }[] }>('POST', '/layout/applies', body, bearer(reader.token))
    expect(refused.status).toBe(403)
    expect(refused.json.errors[0]!.message).toMatch(/may only read layouts/)
    for (const path of ['/activity', '/tokens', '/alerts', '/sessions'])
      expect((await api('GET', path, undefined, bearer(deploy.token))).status).not.toBe(200)
    const proxied = await fetch(`${(await pool.start({ store: store() })).base}/v3/ips/pools`, {
      headers: bearer(deploy.token),
    })
    expect(proxied.status).not.toBe(200)
    const applied = await api<ApplyView>('POST', '/layout/applies', body, bearer(deploy.token))
    expect(applied.status).toBe(202)
    expect(applied.json.by).toBe('ana@example.com')
    expect(applied.json.token).toBe('deploy pipeline')

    // A browser connected with its own SendGrid key sends it here too: not a token, the session still decides.
    const withKey = { ...admin, authorization: 'Bearer SG.a-key-pasted-in-the-browser' }
    expect((await api('GET', '/tokens', undefined, withKey)).status).toBe(200)
    expect((await api('GET', '/layout/applies', undefined, withKey)).status).toBe(200)
    expect((await api('GET', '/layout/applies', undefined, bearer('SG.a-key-pasted-in-the-browser'))).status).toBe(401)
    expect((await api('GET', '/tokens', undefined, { ...admin, ...bearer(reader.token) })).status).toBe(403)

    // Revoked: refused from the next request on, and the revocation is journalled under its name.
    expect((await api('DELETE', `/tokens/${deploy.id}`, undefined, admin)).status).toBe(204)
    const after = await api<{ errors: { message: string }[] }>('GET', '/layout', undefined, bearer(deploy.token))
    expect(after.status).toBe(401)
    expect(after.json.errors[0]!.message).toBe('This access token is not valid: it is unknown or was revoked.')
    expect((await api('GET', '/layout', undefined, bearer(`${deploy.token.slice(0, -2)}xx`))).status).toBe(401)
    const journal = (await openJournal(store()).read({ limit: 50 })).entries.map((entry) => [
      entry.action,
      entry.token,
      entry.user,
    ])
    expect(journal).toContainEqual(['token-revoke', 'deploy pipeline', 'ana@example.com'])
    expect(journal).toContainEqual(['token-create', 'pull requests', 'ana@example.com'])
    expect(journal).toContainEqual(['create', 'deploy pipeline', 'ana@example.com'])
  })

  it('of an owner who signs in again as a viewer lose the right to apply; their read tokens stay', async () => {
    const apply = await createToken(store(), 'apply', 'layout', 'Former.Admin@example.com')
    const read = await createToken(store(), 'read', 'read', 'former.admin@example.com')
    expect(await revokeLayoutTokensOf(store(), 'former.admin@example.com')).toBe(1)
    expect(await tokenOf(store(), apply.token)).toBeUndefined()
    expect((await tokenOf(store(), read.token))?.name).toBe('read')
  })
})
