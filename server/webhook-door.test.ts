/**
 * What SendGrid, or a stranger with a signed batch, might send, through the real server on each engine: each event
 * is checked at the door, no event stops the counting, and the same events make the same figures in any order.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { keepBatch, recountSetAside } from './delivery/batch-queue.ts'
import { SKIPPED } from './delivery/events.ts'
import type { Store } from './store/store.ts'
import { ENGINES, postBatch, serverPool, sharedStore, webhookSigner } from './testing'

const pool = serverPool()
const dist = mkdtempSync(join(tmpdir(), 'dist-'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head></head><body></body></html>')
const { publicKey, signed } = webhookSigner()
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() })
const now = () => Math.floor(Date.now() / 1000)
/** A clean batch is counted within this, whatever came before it. */
const COUNTED_WITHIN = { timeout: 30_000, interval: 100 }

describe.each(ENGINES)('the Event Webhook on the %s store', (engine) => {
  const store = sharedStore(engine)

  async function start(retentionDays?: number) {
    const { base } = await pool.start({
      distDir: dist,
      store: store(),
      logStream: quiet,
      webhookPublicKey: publicKey,
      ...(retentionDays ? { deliveryRetentionDays: retentionDays } : {}),
    })
    return base
  }

  let n = 0
  const event = (fields: Record<string, unknown>) => ({
    sg_event_id: `door-${(n += 1)}`,
    timestamp: now() - 60,
    email: 'reader@gmail.com',
    ...fields,
  })
  const delivered = (ip: string) => event({ event: 'delivered', ip })
  const countOf = async (scope: 'pool' | 'ip', key: string, kind = 'delivered') =>
    Number(
      (
        await store().query<{ n: string | number | null }>(
          `select sum(${kind}) as n from delivery_hours where scope = $1 and key = $2`,
          [scope, key],
        )
      )[0]?.n ?? 0,
    )

  it('refuses an event with a NUL or an unpaired surrogate in any string, and counts the clean batch after it', async () => {
    const base = await start()
    const poisons = [
      event({ event: 'processed', sg_message_id: 'poison-1.filter', pool: { name: 'trans\u0000actional' } }),
      event({ event: 'delivered', ip: '198.51.100.90', sg_message_id: 'poison\u0000-2.filter' }),
      { ...delivered('198.51.100.90'), sg_event_id: 'poison\u0000-3' },
      event({ event: 'processed', sg_message_id: 'poison-4.filter', pool: { name: 'marketing\ud800' } }),
      event({ event: 'delivered', ip: '198.51.100.90', sg_message_id: '\udfff' }),
    ]
    for (const [i, poison] of poisons.entries()) {
      const answer = await postBatch(base, signed([poison]))
      expect(answer.status, `poison ${i}`).toBe(202)
      expect(await answer.json(), `poison ${i}`).toEqual({ accepted: 0, skipped: 1, reasons: { [SKIPPED.badText]: 1 } })
      expect((await postBatch(base, signed([delivered('198.51.100.91')]))).status).toBe(202)
      await vi.waitFor(async () => expect(await countOf('ip', '198.51.100.91')).toBe(i + 1), COUNTED_WITHIN)
    }
    expect(await countOf('ip', '198.51.100.90')).toBe(0)
  })

  it('sets aside a kept batch that cannot be counted, counts the next, says so, and counts it again on request', async () => {
    const base = await start()
    // A batch kept by a server whose door let a NUL through: the store refuses it whenever it is counted.
    const hour = new Date().toISOString().slice(0, 13) + ':00:00.000Z'
    await keepBatch(store(), [
      { id: 'old-door\u0000', kind: 'delivered', hour, ip: '198.51.100.92', provider: 'gmail' },
    ])
    expect((await postBatch(base, signed([delivered('198.51.100.93')]))).status).toBe(202)
    await vi.waitFor(async () => expect(await countOf('ip', '198.51.100.93')).toBe(1), COUNTED_WITHIN)
    const [aside] = await store().query<{ error: string }>('select error from webhook_batches_set_aside')
    expect(aside?.error).toMatch(/\w/)
    const ready = await fetch(`${base}/readyz`)
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { store: 'ok', webhook: { waiting: 0, oldestWaitSeconds: 0, setAside: 1 } },
    ])
    expect((await (await fetch(`${base}/api/delivery/webhook`)).json()).backlog).toEqual({
      waiting: 0,
      oldestWaitSeconds: 0,
      setAside: 1,
    })
    // After an upgrade: back in the queue, counted (here, set aside again: nothing mended the NUL).
    expect(await recountSetAside(store())).toBe(1)
    expect((await postBatch(base, signed([delivered('198.51.100.93')]))).status).toBe(202)
    await vi.waitFor(async () => expect(await countOf('ip', '198.51.100.93')).toBe(2), COUNTED_WITHIN)
    expect(await store().query('select id from webhook_batches_set_aside')).toHaveLength(1)
  })

  it('writes each address one way, and counts what is not an address as no IP', async () => {
    const base = await start()
    const ips = ['DEAD:BEEF::', 'dead:beef::', '::ffff:1.2.3.4', '1.2.3.4', '....', 'abc', '999.999.999.999', '']
    const answer = await postBatch(base, signed(ips.map((ip) => event({ event: 'delivered', ip }))))
    expect(await answer.json()).toMatchObject({ accepted: ips.length })
    await vi.waitFor(async () => expect(await countOf('pool', '')).toBe(ips.length), COUNTED_WITHIN)
    const rows = await store().query<{ key: string; delivered: string | number }>(
      `select key, delivered from delivery_hours where scope = 'ip' order by key`,
    )
    expect(rows.map((row) => [row.key, Number(row.delivered)])).toEqual([
      ['1.2.3.4', 2],
      ['dead:beef::', 2],
    ])
  })

  it('refuses events stamped ahead or older than the figures are kept, and says how many and why', async () => {
    const base = await start(30)
    const answer = await postBatch(
      base,
      signed([
        event({ event: 'delivered', ip: '198.51.100.94', timestamp: now() + 23 * 3600 }),
        event({ event: 'delivered', ip: '198.51.100.94', timestamp: now() + 6 * 60 }),
        event({ event: 'delivered', ip: '198.51.100.94', timestamp: now() - 31 * 24 * 3600 }),
        event({ event: 'delivered', ip: '198.51.100.94', timestamp: now() + 4 * 60 }),
        event({ event: 'delivered', ip: '198.51.100.94', timestamp: now() - 29 * 24 * 3600 }),
      ]),
    )
    expect(await answer.json()).toEqual({
      accepted: 2,
      skipped: 3,
      reasons: { [SKIPPED.future]: 2, [SKIPPED.expired]: 1 },
    })
    await vi.waitFor(async () => expect(await countOf('ip', '198.51.100.94')).toBe(2), COUNTED_WITHIN)
  })

  it('counts a deferred message once, at its first deferral, however often SendGrid retries it', async () => {
    const base = await start()
    const message = { sg_message_id: 'retried.filter0001.0', ip: '198.51.100.95' }
    const answer = await postBatch(
      base,
      signed([
        ...['1', '2', '3'].map((attempt) => event({ event: 'deferred', attempt, ...message })),
        event({ event: 'deferred', ...message, sg_message_id: 'no-attempt.filter0001.0' }),
        event({ event: 'delivered', ...message }),
      ]),
    )
    expect(await answer.json()).toEqual({ accepted: 3, skipped: 2, reasons: { [SKIPPED.laterDeferral]: 2 } })
    await vi.waitFor(async () => expect(await countOf('ip', '198.51.100.95', 'deferred')).toBe(2), COUNTED_WITHIN)
  })

  it("takes SendGrid's test event as a sign the webhook arrives, and changes no figure", async () => {
    const base = await start()
    // As SendGrid's test posts it: one of each kind, to example@test.com, the ids the literal words.
    const sample = (kind: string) => ({
      email: 'example@test.com',
      timestamp: now(),
      'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
      event: kind,
      ip: '168.1.1.1',
      category: 'cat facts',
      sg_event_id: 'sg_event_id',
      sg_message_id: 'sg_message_id',
    })
    const kinds = ['processed', 'deferred', 'delivered', 'open', 'click', 'bounce', 'dropped', 'spamreport']
    const answer = await postBatch(base, signed(kinds.map(sample)))
    expect(await answer.json()).toEqual({
      accepted: 0,
      skipped: kinds.length,
      reasons: { [SKIPPED.test]: kinds.length },
    })
    expect((await (await fetch(`${base}/api/delivery/webhook`)).json()).lastBatchAt).not.toBeNull()
    expect(await store().query('select * from delivery_hours')).toEqual([])
    expect(await store().query('select * from webhook_events_seen')).toEqual([])
  })

  it('makes the same figures from the same events in any order and batching, repeats included', async () => {
    const base = await start()
    const events = mailOf(60)
    const figures = async (order: unknown[][]) => {
      await store().query('truncate delivery_hours, webhook_events_seen, message_pools, message_pending')
      for (const batch of order) expect((await postBatch(base, signed(batch))).status).toBe(202)
      await vi.waitFor(
        async () => expect((await store().query('select id from webhook_batches')).length).toBe(0),
        COUNTED_WITHIN,
      )
      return dump(store())
    }
    const inOrder = await figures([events])
    expect(inOrder.filter((row) => row.startsWith('pool||'))).toEqual([]) // every outcome has its pool in order
    const random = seeded(7)
    for (let round = 0; round < 5; round += 1) {
      // Shuffled, one in ten sent twice, in batches of 1 to 40.
      const shuffled = [...events, ...events.filter(() => random() < 0.1)].sort(() => random() - 0.5)
      const batches: unknown[][] = []
      for (let at = 0; at < shuffled.length;) {
        const size = 1 + Math.floor(random() * 40)
        batches.push(shuffled.slice(at, at + size))
        at += size
      }
      expect(await figures(batches), `round ${round}`).toEqual(inOrder)
    }
  })

  /** Whole messages through three pools from two IPs: processed, then an outcome or two, and opens. */
  function mailOf(messages: number) {
    const all: Record<string, unknown>[] = []
    for (let m = 0; m < messages; m += 1) {
      const message = {
        sg_message_id: `order-${engine}-${m}.filter0001.1.0`,
        email: `r${m}@${m % 2 ? 'gmail.com' : 'yahoo.com'}`,
      }
      const ip = `198.51.100.${100 + (m % 2)}`
      all.push(event({ event: 'processed', pool: { name: `pool-${m % 3}`, id: m % 3 }, ...message }))
      if (m % 5 === 0) all.push(event({ event: 'deferred', ip, ...message }))
      all.push(event({ event: m % 7 === 0 ? 'bounce' : 'delivered', ip, ...message }))
      if (m % 4 === 0) all.push(event({ event: 'open', ...message }))
    }
    return all
  }
})

/** Every figure kept, one line a row, in a stable order. */
async function dump(store: Store): Promise<string[]> {
  const rows = await store.query<Record<string, unknown>>(
    `select scope, key, hour, provider, processed, delivered, deferred, bounce, blocked, dropped, spamreport, open, click
     from delivery_hours order by scope, key, hour, provider`,
  )
  return rows.map((row) =>
    Object.values({ ...row, hour: new Date(row.hour as string).toISOString() })
      .map(String)
      .join('|'),
  )
}

/** A repeatable sequence of numbers in [0, 1): the same shuffles on every run. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}
