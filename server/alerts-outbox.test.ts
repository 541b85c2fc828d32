/**
 * The alert outbox as an operator's failures meet it: a server killed with notifications waiting delivers each once
 * after its restart, and two servers on one PostgreSQL send each notification once between them.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ENGINES,
  FAKE_DIST,
  READY,
  createTestStore,
  postBatch,
  serverPool,
  startReceiver,
  webhookSigner,
} from './testing'

const pool = serverPool()
const { publicKey, signed } = webhookSigner()

let n = 0
/** 40 messages through pool "marketing", 8 of them bounced: 20 %. */
function crossing() {
  const events: unknown[] = []
  for (let i = 0; i < 40; i += 1) {
    const message = {
      sg_message_id: `k${(n += 1)}.filter`,
      email: `r${n}@example.com`,
      timestamp: Date.now() / 1000 - 30,
    }
    events.push({ ...message, sg_event_id: `kp${n}`, event: 'processed', pool: { name: 'marketing', id: 1 } })
    const outcome = i < 8 ? { event: 'bounce', type: 'bounce' } : { event: 'delivered' }
    events.push({ ...message, sg_event_id: `ko${n}`, ip: '198.51.100.7', ...outcome })
  }
  return signed(events)
}

const settings = (env: Record<string, string>) => ({
  DIST_DIR: FAKE_DIST,
  SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey,
  ALERT_EVALUATE_SECONDS: '1',
  ALERT_RETRY_SECONDS: '1',
  ALERT_DESTINATION_HOSTS: '127.0.0.1',
  ...env,
})

async function setUp(base: string, url: string) {
  const post = (path: string, body: unknown) =>
    fetch(`${base}/api/alerts${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  expect((await post('/channels', { kind: 'webhook', name: 'ops', url, secret: 'a-secret-long-enough' })).status).toBe(
    201,
  )
  const rule = { measure: 'bounced', scope: { kind: 'every-pool' }, threshold: 0.05, windowHours: 1, minVolume: 20 }
  expect((await post('/rules', rule)).status).toBe(201)
}

/** Resolves once `base` has finished an evaluation that started after now. */
async function anEvaluation(base: string) {
  const after = Date.now()
  await expect
    .poll(async () => Date.parse((await (await fetch(`${base}/api/alerts`)).json()).evaluatedAt ?? '') || 0, READY)
    .toBeGreaterThan(after)
}

describe.each(ENGINES)('the alert outbox on the %s store', (engine) => {
  it('delivers each waiting notification once after a kill -9 and a restart', async () => {
    const made = engine === 'postgres' ? await createTestStore('postgres') : undefined
    const dataDir = mkdtempSync(join(tmpdir(), 'data-'))
    let up = false
    let refused = 0
    const receiver = await startReceiver(() => (up ? 200 : ((refused += 1), 503)))
    pool.track(receiver.server)
    const env = settings({ DATA_DIR: dataDir, ...(made ? { DATABASE_URL: made.url! } : {}) })

    const first = await pool.serve(env)
    await setUp(first.base, `${receiver.url}/hook`)
    expect((await postBatch(first.base, crossing())).status).toBe(202)
    // Opened and queued; the receiver is down, so it waits in the outbox.
    await expect.poll(() => refused, READY).toBeGreaterThanOrEqual(1)
    first.child.kill('SIGKILL')
    await first.exited

    up = true
    const second = await pool.serve(env)
    // Sent at once, or once a claim the killed server held mid-send lapses (30 s).
    await expect.poll(() => receiver.received.length, { ...READY, timeout: 75_000 }).toBe(1)
    await anEvaluation(second.base)
    await anEvaluation(second.base)
    expect(receiver.received).toHaveLength(1)
    expect(receiver.received[0]!.json).toMatchObject({ type: 'incident.opened' })
    const view = await (await fetch(`${second.base}/api/alerts`)).json()
    expect(view.open).toHaveLength(1)
    expect(view.open[0].attempts.filter((attempt: { ok: boolean }) => attempt.ok)).toHaveLength(1)
    second.child.kill('SIGKILL')
    await made?.dispose()
  }, 180_000)
})

describe.each(ENGINES.filter((engine) => engine === 'postgres'))('two servers on one %s', () => {
  it('open one incident and send each notification once between them', async () => {
    const made = await createTestStore('postgres')
    const receiver = await startReceiver()
    pool.track(receiver.server)
    const env = (name: string) => settings({ DATA_DIR: mkdtempSync(join(tmpdir(), name)), DATABASE_URL: made.url! })
    const [a, b] = await Promise.all([pool.serve(env('a-')), pool.serve(env('b-'))])
    await setUp(a.base, `${receiver.url}/hook`)
    expect((await postBatch(a.base, crossing())).status).toBe(202)
    expect((await postBatch(b.base, crossing())).status).toBe(202)
    await expect.poll(() => receiver.received.length, READY).toBe(1)
    for (const base of [a.base, b.base, a.base, b.base]) await anEvaluation(base)
    expect(receiver.received).toHaveLength(1)
    a.child.kill('SIGKILL')
    b.child.kill('SIGKILL')
    await made.dispose()
  })
})
