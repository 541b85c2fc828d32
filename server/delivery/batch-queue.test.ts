import { sharedStore } from '../testing'
import { keepBatch, startBatchQueue } from './batch-queue.ts'
import { readStats } from './counts.ts'
import type { ReadEvent } from './events.ts'

const store = sharedStore()
const hour = new Date().toISOString().slice(0, 13) + ':00:00.000Z'
const batchOf = (b: number, size: number): ReadEvent[] =>
  Array.from({ length: size }, (_, n) => ({
    id: `b${b}-e${n}`,
    kind: 'delivered',
    hour,
    ip: '192.0.2.1',
    provider: 'gmail',
    message: `b${b}-m${n}`,
  }))
const queueBytes = async () =>
  (await store().query<{ bytes: number }>(`select pg_total_relation_size('webhook_batches')::int as bytes`))[0]!.bytes

describe('the queue of batches waiting to be counted', () => {
  it('counts every batch kept, once, and does not grow by what it has counted', async () => {
    const failures: unknown[] = []
    for (let b = 0; b < 150; b += 1) await keepBatch(store(), batchOf(b, 300))
    // The same events again, as SendGrid's retries bring them.
    for (let b = 0; b < 10; b += 1) await keepBatch(store(), batchOf(b, 300))
    const grown = await queueBytes()
    const queue = startBatchQueue(store(), (error) => failures.push(error))
    await queue.idle()
    await queue.stop()
    expect(failures).toEqual([])
    expect((await readStats(store(), { ip: '192.0.2.1' }, '24h')).totals.delivered).toBe(150 * 300)
    expect(await store().query('select id from webhook_batches')).toEqual([])
    // Vacuumed once emptied: the embedded engine would otherwise keep every batch's bytes for good.
    expect(grown).toBeGreaterThan(3_000_000)
    expect(await queueBytes()).toBeLessThan(grown / 10)
  }, 120_000)

  it('finishes the count under way when stopped, and leaves the rest for the next server', async () => {
    for (let b = 0; b < 40; b += 1) await keepBatch(store(), batchOf(1000 + b, 100))
    const queue = startBatchQueue(store(), () => {})
    await queue.stop()
    const [{ waiting }] = await store().query<{ waiting: number }>(
      'select count(*)::int as waiting from webhook_batches',
    )
    const counted = (await readStats(store(), { ip: '192.0.2.1' }, '24h')).totals.delivered
    // Whole batches only: what was counted and what waits add up to every event, none twice.
    expect(counted % 100).toBe(0)
    expect(counted / 100 + waiting!).toBe(40)
    expect(waiting).toBeGreaterThan(0)
  })
})
