/**
 * SendGrid's Event Webhook through the real server: only signed batches are kept and counted, each event once,
 * delivery outcomes credited to the sending IP and to the pool the message went through, and only counts kept.
 */
import { execFile } from 'node:child_process'
import { generateKeyPairSync, sign } from 'node:crypto'
import { fingerprintOf, publicKeyOf } from './delivery/signature.ts'
import { promisify } from 'node:util'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { MAX_BODIES_AT_ONCE } from './plugins/delivery-webhook.ts'
import { connect as openSocket } from 'node:net'
import { keepBatch } from './delivery/batch-queue.ts'
import { readStats } from './delivery/counts.ts'
import { addTotals } from '../src/shared/delivery.ts'
import { ENGINES, listen, postBatch, rawRequest, serverPool, sharedStore, webhookSigner } from './testing'
import type { Store } from './store/store.ts'
import { createServer } from 'node:http'

const pool = serverPool()
// Every test on each engine: the key, the queue and the counts all live in the store.
const stores = ENGINES.map((engine) => [engine, sharedStore(engine)] as const)
let store: () => Store
const dist = mkdtempSync(join(tmpdir(), 'dist-'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head></head><body></body></html>')
const { privateKey, publicKey: PUBLIC_KEY, signed } = webhookSigner()
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() })

async function start(webhookPublicKey: string | null = PUBLIC_KEY, upstream?: string, apiKey = 'SG.server-key') {
  const { base } = await pool.start({
    distDir: dist,
    store: store(),
    logStream: quiet,
    ...(webhookPublicKey ? { webhookPublicKey } : {}),
    ...(upstream ? { upstream, ...(apiKey ? { apiKey } : {}) } : {}),
  })
  return base
}

const now = () => Math.floor(Date.now() / 1000)
const post = postBatch

/** Resolves once every batch kept has been counted: counting follows the answer, and takes a batch off the queue. */
const allCounted = () =>
  expect
    .poll(async () => (await store().query<{ n: number }>('select count(*)::int as n from webhook_batches'))[0]!.n)
    .toBe(0)

let n = 0
const event = (fields: Record<string, unknown>) => ({
  sg_event_id: `event-${(n += 1)}`,
  timestamp: now() - 60,
  email: 'reader@gmail.com',
  ...fields,
})

describe.each(stores)('the Event Webhook on the %s store', (_engine, engineStore) => {
  beforeEach(() => {
    store = engineStore
  })

  it('counts a signed batch: outcomes by sending IP and by the pool the message went through, opens by neither', async () => {
    const base = await start()
    const message = { sg_message_id: 'qNwBLgPQQjW6DJvKQwSAbw.filterdrecv-1.0' }
    const answer = await post(
      base,
      signed([
        event({ event: 'processed', pool: { name: 'marketing', id: 7 }, ...message }),
        event({ event: 'delivered', ip: '198.51.100.10', ...message }),
        event({ event: 'bounce', type: 'blocked', ip: '198.51.100.10', email: 'x@outlook.com', ...message }),
        event({ event: 'open', ip: '66.249.84.1', ...message }),
        event({ event: 'deferred', ip: '198.51.100.11', email: 'y@yahoo.com', sg_message_id: 'unknown.x' }),
      ]),
    )
    expect(answer.status).toBe(202)
    expect(await answer.json()).toMatchObject({ accepted: 5, skipped: 0 })
    await allCounted()
    const marketing = await readStats(store(), { pool: 'marketing' }, '24h')
    expect(marketing.totals).toMatchObject({ processed: 1, delivered: 1, blocked: 1, bounce: 0, open: 1 })
    expect(marketing.providers.find((p) => p.provider === 'microsoft')!.totals.blocked).toBe(1)
    const ip = await readStats(store(), { ip: '198.51.100.10' }, '24h')
    expect(ip.totals).toMatchObject({ delivered: 1, blocked: 1, open: 0 })
    // The reader's IP (or their provider's image proxy) is never taken for a sending IP.
    expect((await readStats(store(), { ip: '66.249.84.1' }, '24h')).totals.open).toBe(0)
    // A message whose processed event was not seen counts as unattributed, not guessed.
    expect((await readStats(store(), { pool: '' }, '24h')).totals.deferred).toBe(1)
    const rows = await store().query<Record<string, unknown>>('select * from delivery_hours')
    expect(JSON.stringify(rows)).not.toMatch(/reader@|gmail\.com|outlook\.com/)
  })

  it('counts each event once when SendGrid sends the batch again, or two batches share events', async () => {
    const base = await start()
    const batch = signed([
      event({ event: 'delivered', ip: '198.51.100.20' }),
      event({ event: 'delivered', ip: '198.51.100.20' }),
    ])
    expect(await (await post(base, batch)).json()).toMatchObject({ accepted: 2 })
    await allCounted()
    expect(await (await post(base, batch)).json()).toMatchObject({ accepted: 2 })
    const twice = event({ event: 'delivered', ip: '198.51.100.20' })
    await Promise.all([post(base, signed([twice])), post(base, signed([twice, twice]))])
    await allCounted()
    expect((await readStats(store(), { ip: '198.51.100.20' }, '24h')).totals.delivered).toBe(3)
  })

  it('refuses a batch unsigned, signed by another key, altered, or signed more than five minutes away: nothing counted', async () => {
    const base = await start()
    const good = signed([event({ event: 'delivered', ip: '198.51.100.30' })])
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey
    const attempts = [
      { body: good.body, headers: { 'Content-Type': 'application/json' } },
      signed([event({ event: 'delivered', ip: '198.51.100.30' })], { key: other }),
      { ...good, body: good.body.replace('198.51.100.30', '198.51.100.31') },
      { ...good, body: good.body.trimEnd() }, // the trailing CRLF is signed too
      // Well past the five minutes, however long the attempts before take (the edge itself: signature.test.ts).
      signed([event({ event: 'delivered', ip: '198.51.100.30' })], { timestamp: String(now() - 330) }),
      signed([event({ event: 'delivered', ip: '198.51.100.30' })], { timestamp: String(now() + 330) }),
    ]
    for (const attempt of attempts) expect((await post(base, attempt)).status).toBe(401)
    const rows = await store().query('select * from delivery_hours')
    expect(rows).toEqual([])
    expect(await store().query('select * from webhook_batches')).toEqual([])
    expect(await store().query('select * from webhook_events_seen')).toEqual([])
  })

  it('refuses what is not a batch, and skips what it cannot count while counting the rest', async () => {
    const base = await start()
    const raw = (body: string) => {
      const batch = signed([])
      const timestamp = batch.headers['X-Twilio-Email-Event-Webhook-Timestamp']
      const signature = sign('sha256', Buffer.from(timestamp + body), { key: privateKey, dsaEncoding: 'der' })
      return {
        body,
        headers: { ...batch.headers, 'X-Twilio-Email-Event-Webhook-Signature': signature.toString('base64') },
      }
    }
    expect((await post(base, raw('[{"event":'))).status).toBe(400)
    expect((await post(base, raw('{"event":"delivered"}'))).status).toBe(400)
    expect((await post(base, raw(`[${'{},'.repeat(20_000)}{}]`))).status).toBe(413)
    // Refused on its declared length, before a byte of it is read.
    const huge = await rawRequest(base, 'POST', '/webhooks/sendgrid/events', {
      'Content-Type': 'application/json',
      'Content-Length': String(6 * 1024 * 1024),
    })
    expect(huge.status).toBe(413)
    const mixed = await post(
      base,
      signed([
        event({ event: 'delivered', ip: '198.51.100.40' }),
        event({ event: 'account_status_change', type: 'compliance_suspend' }),
        event({ event: 'delivered', timestamp: 'yesterday' }),
        event({ event: 'delivered', timestamp: now() + 10 * 365 * 24 * 3600 }),
        { event: 'delivered', timestamp: now() },
        'not an event',
        event({ event: 'delivered', ip: { not: 'an ip' }, email: ['x'] }),
        event({ event: 'processed', pool: { name: 'p'.repeat(5000) } }),
      ]),
    )
    expect(mixed.status).toBe(202)
    expect(await mixed.json()).toEqual({
      accepted: 2,
      skipped: 6,
      reasons: {
        'kind not counted': 1,
        'no timestamp': 1,
        'stamped more than 5 minutes ahead': 1,
        'no sg_event_id': 1,
        'not an object': 1,
        'a field longer than SendGrid makes it': 1,
      },
    })
    await allCounted()
    expect((await readStats(store(), { ip: '198.51.100.40' }, '24h')).totals.delivered).toBe(1)
  })

  it('reads only so many batches at once, and asks SendGrid to send the rest again later', async () => {
    const base = await start()
    const { hostname, port } = new URL(base)
    // Batches whose bodies never finish arriving, as many as the server reads at once.
    const stalled = Array.from({ length: MAX_BODIES_AT_ONCE }, () => {
      const socket = openSocket(Number(port), hostname)
      socket.on('error', () => {})
      socket.write(
        `POST /webhooks/sendgrid/events HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${4 * 1024 * 1024}\r\n\r\n[`,
      )
      return socket
    })
    await vi.waitFor(async () => {
      const refused = await post(base, signed([event({ event: 'delivered', ip: '198.51.100.48' })]))
      expect(refused.status).toBe(503)
      expect(refused.headers.get('retry-after')).toBe('10')
    })
    for (const socket of stalled) socket.destroy()
    // Once they are gone, batches are read again.
    await vi.waitFor(async () => {
      expect((await post(base, signed([event({ event: 'delivered', ip: '198.51.100.48' })]))).status).toBe(202)
    })
  })

  it('counts a batch kept by a server that stopped before counting it, once the next server starts', async () => {
    const hour = new Date().toISOString().slice(0, 13) + ':00:00.000Z'
    const kept = { kind: 'delivered', hour, ip: '198.51.100.45', provider: 'gmail' } as const
    await keepBatch(store(), [
      { id: 'left-1', ...kept },
      { id: 'left-2', ...kept },
    ])
    await start()
    await allCounted()
    expect((await readStats(store(), { ip: '198.51.100.45' }, '24h')).totals.delivered).toBe(2)
  })

  it('counts nothing until the webhook is connected (no public key)', async () => {
    const base = await start(null)
    const answer = await post(base, signed([event({ event: 'delivered', ip: '198.51.100.50' })]))
    expect(answer.status).toBe(503)
    expect((await answer.json()).errors[0].message).toMatch(/SENDGRID_WEBHOOK_PUBLIC_KEY/)
  })

  it("serves a pool's figures and every pool's totals to the signed-in, by range", async () => {
    const base = await start()
    // Before any event: said as not connected, not as a pool that sent nothing.
    expect(await (await fetch(`${base}/api/delivery?pool=transactional&range=24h`)).json()).toMatchObject({
      connected: false,
    })
    const message = { sg_message_id: 'AbCdEfGhIjKlMnOpQrStUv.filter.0' }
    await post(
      base,
      signed([
        event({ event: 'processed', pool: { name: 'transactional', id: 1 }, ...message }),
        event({ event: 'delivered', ip: '198.51.100.60', ...message }),
      ]),
    )
    await allCounted()
    const stats = await (await fetch(`${base}/api/delivery?pool=transactional&range=24h`)).json()
    expect(stats).toMatchObject({ connected: true, range: '24h', totals: { processed: 1, delivered: 1 } })
    expect(stats.series).toHaveLength(1)
    const pools = await (await fetch(`${base}/api/delivery/totals?by=pool&range=30d`)).json()
    expect(pools).toMatchObject({ connected: true, range: '30d', of: { transactional: { flags: [] } } })
    expect(pools.of.transactional.totals).toMatchObject({ processed: 1, delivered: 1 })
    // An IP's figures are of what reached an outcome from it (processed events name no IP); 3 of 4 bounced crosses
    // a threshold, named in the IPs' summaries.
    await post(base, signed(['bounce', 'bounce', 'bounce'].map((kind) => event({ event: kind, ip: '198.51.100.60' }))))
    await allCounted()
    const ips = await (await fetch(`${base}/api/delivery/totals?by=ip&range=24h`)).json()
    expect(ips.of['198.51.100.60']).toMatchObject({ totals: { delivered: 1, bounce: 3 }, flags: ['Bounced 75.0 %'] })
    expect((await fetch(`${base}/api/delivery/totals?by=subuser`)).status).toBe(400)
    expect((await fetch(`${base}/api/delivery?range=24h`)).status).toBe(400)
    expect((await fetch(`${base}/api/delivery?pool=x&range=1y`)).status).toBe(400)
    // Each route's schema checks its input before the handler: the refusal names the field, in the one error body.
    const refusal = await fetch(`${base}/api/delivery/totals?by=subuser&range=7d`)
    expect(await refusal.json()).toEqual({
      errors: [{ field: null, message: expect.stringMatching(/^querystring\/by /) }],
    })
    const limit = await fetch(`${base}/api/activity?limit=100000`)
    expect(limit.status).toBe(400)
    expect((await limit.json()).errors[0].message).toMatch(/^querystring\/limit /)
  })

  it('takes the batches `npm run events:send` signs, once it has been given the key the command made', async () => {
    const run = promisify(execFile)
    const keyFile = join(mkdtempSync(join(tmpdir(), 'key-')), 'test-key.pem')
    const first = await run(process.execPath, ['scripts/send-events.mjs', '--key', keyFile])
    const key = /SENDGRID_WEBHOOK_PUBLIC_KEY=(\S+)/.exec(first.stdout)![1]!
    const base = await start(key)
    const args = ['scripts/send-events.mjs', '--key', keyFile, '--url', base, '--batches', '3', '--size', '200']
    const second = await run(process.execPath, args)
    // Whole messages: 600 processed, then each one's outcome (and some opens and deferrals) after the last batch.
    const accepted = Number(/: (\d+) accepted/.exec(second.stdout)?.[1])
    expect(accepted).toBeGreaterThan(1200)
    await allCounted()
    const { totals } = await readStats(store(), { pool: 'transactional' }, '24h')
    addTotals(totals, (await readStats(store(), { pool: 'marketing' }, '24h')).totals)
    expect(totals.processed).toBe(600)
    expect(totals.delivered + totals.bounce + totals.blocked + totals.dropped).toBe(600)
    expect(totals.delivered).toBeGreaterThan(450)
    // A server with another key refuses them, and the command says which key it needs.
    const other = await start()
    const refused = run(process.execPath, ['scripts/send-events.mjs', '--key', keyFile, '--url', other])
    await expect(refused).rejects.toMatchObject({ stderr: expect.stringContaining(key) })
    // A server that is not there (a port that was open a moment ago) is said in one line.
    const probe = createServer()
    const gone = await listen(probe)
    await new Promise((done) => probe.close(done))
    const closed = run(process.execPath, ['scripts/send-events.mjs', '--key', keyFile, '--url', gone])
    await expect(closed).rejects.toMatchObject({
      stderr: `Could not reach ${gone}/webhooks/sendgrid/events (ECONNREFUSED): is the server running there?\n`,
    })
  })

  it('is connected from the dashboard: the key is read from SendGrid by the server, kept, and checks batches on every server sharing the store', async () => {
    const signedWebhooks: Record<string, string> = { 'wh-signed': PUBLIC_KEY, 'wh-unsigned': '' }
    const upstream = await pool.startUpstream((request, res) => {
      const id = /^\/v3\/user\/webhooks\/event\/settings\/signed\/([\w-]+)$/.exec(request.url)?.[1]
      res.setHeader('Content-Type', 'application/json')
      if (request.method !== 'GET' || !id || !(id in signedWebhooks)) {
        res.statusCode = 404
        return res.end('{"errors":[{"message":"Invalid id provided."}]}')
      }
      res.end(JSON.stringify({ id, public_key: signedWebhooks[id] }))
    })
    const base = await start(null, upstream.url)
    const statusOf = async (at: string) => (await fetch(`${at}/api/delivery/webhook`)).json()
    expect(await statusOf(base)).toMatchObject({
      url: `${base}/webhooks/sendgrid/events`,
      key: null,
      lastBatchAt: null,
    })
    const batch = signed([event({ event: 'delivered', ip: '198.51.100.70' })])
    expect((await post(base, batch)).status).toBe(503) // nothing to check with yet: nothing counted

    const connect = (at: string, body: unknown) =>
      fetch(`${at}/api/delivery/webhook`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await connect(base, { id: '../api_keys' })).status).toBe(400)
    const missing = await connect(base, { id: 'wh-gone' })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ errors: [{ message: 'Invalid id provided.' }] })
    expect((await connect(base, { id: 'wh-unsigned' })).status).toBe(409)
    expect((await connect(base, { id: 'wh-signed', publicKey: 'forged' })).status).toBe(204)
    // The key is the one SendGrid gave, whatever the browser sent; SendGrid saw the server's key, not the browser's.
    expect(upstream.seen.at(-1)).toMatchObject({ url: '/v3/user/webhooks/event/settings/signed/wh-signed' })
    expect(upstream.seen.at(-1)!.headers.authorization).toBe('Bearer SG.server-key')
    expect(await statusOf(base)).toMatchObject({ key: 'stored', webhookId: 'wh-signed', connectedBy: 'local' })

    expect(await (await post(base, signed([event({ event: 'delivered', ip: '198.51.100.70' })]))).json()).toMatchObject(
      { accepted: 1 },
    )
    expect((await statusOf(base)).lastBatchAt).not.toBeNull()
    // Another server on the same store checks with the same key, and refuses one signed by another.
    const second = await start(null, upstream.url)
    expect((await post(second, signed([event({ event: 'delivered', ip: '198.51.100.70' })]))).status).toBe(202)
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey
    expect((await post(second, signed([event({ event: 'delivered' })], { key: other }))).status).toBe(401)
  })
  /** A SendGrid stand-in holding one signed webhook per key it is asked with: the server's, and a stranger's. */
  async function twoAccounts() {
    const stranger = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const strangerKey = stranger.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')
    const upstream = await pool.startUpstream((request, res) => {
      res.setHeader('Content-Type', 'application/json')
      const own = request.headers.authorization === 'Bearer SG.server-key'
      res.end(JSON.stringify({ id: 'wh-1', public_key: own ? PUBLIC_KEY : strangerKey }))
    })
    return { upstream, stranger: stranger.privateKey }
  }
  const connect = (at: string, headers: Record<string, string> = {}) =>
    fetch(`${at}/api/delivery/webhook`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: '{"id":"wh-1"}',
    })

  it("never reads the webhook's key with a key the caller brings: a stranger cannot plant their own", async () => {
    const { upstream, stranger } = await twoAccounts()
    // No key on the server: the stranger's own SendGrid key in the request reads nothing, and nothing is kept.
    const keyless = await start(null, upstream.url, '')
    const refused = await connect(keyless, { Authorization: 'Bearer SG.strangers-own-key' })
    expect(refused.status).toBe(409)
    expect((await refused.json()).errors[0].message).toMatch(/needs this server's own SendGrid key/)
    expect(upstream.seen).toEqual([])
    const theirs = signed([event({ event: 'bounce', ip: '198.51.100.80' })], { key: stranger })
    expect((await post(keyless, theirs)).status).toBe(503)

    // With the server's key, SendGrid is asked with that key whatever the caller sends: the server's account's key.
    const base = await start(null, upstream.url)
    expect((await connect(base, { Authorization: 'Bearer SG.strangers-own-key' })).status).toBe(204)
    expect(upstream.seen.map((seen) => seen.headers.authorization)).toEqual(['Bearer SG.server-key'])
    expect((await post(base, theirs)).status).toBe(401)
    expect((await post(base, signed([event({ event: 'delivered', ip: '198.51.100.80' })]))).status).toBe(202)
    // A server sharing the store but holding no account key counts nothing with the stored key either.
    expect((await post(keyless, signed([event({ event: 'delivered', ip: '198.51.100.80' })]))).status).toBe(503)
  })

  it("journals every change of the checking key with who made it and both keys' fingerprints, and says which key checks", async () => {
    const { upstream } = await twoAccounts()
    const base = await start(null, upstream.url)
    const fingerprint = fingerprintOf(publicKeyOf(PUBLIC_KEY))
    expect((await connect(base)).status).toBe(204)
    expect((await connect(base)).status).toBe(204)
    const { entries } = await (await fetch(`${base}/api/activity`)).json()
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'webhook-key',
        user: 'local',
        webhook: 'wh-1',
        oldKey: fingerprint,
        newKey: fingerprint,
        ok: true,
      }),
      expect.objectContaining({ action: 'webhook-key', user: 'local', webhook: 'wh-1', newKey: fingerprint, ok: true }),
    ])
    expect(entries[1]).not.toHaveProperty('oldKey')
    expect(await (await fetch(`${base}/api/delivery/webhook`)).json()).toMatchObject({
      key: 'stored',
      fingerprint,
      since: expect.any(String),
    })
    const fromEnvironment = await start()
    expect(await (await fetch(`${fromEnvironment}/api/delivery/webhook`)).json()).toMatchObject({
      key: 'environment',
      fingerprint,
    })
  })
})
