/**
 * Verified batches are kept before SendGrid is answered and counted in the background, as SendGrid advises (persist,
 * answer 2xx, process asynchronously): an answer never waits for counting. A batch leaves the queue in the transaction
 * that counts it, so each is counted once whatever fails or crashes; batches left by a server that stopped are counted
 * by the next one to look.
 */
import type { WebhookBacklog } from '../../src/shared/delivery.ts'
import { StoreUnavailable, type Sql, type Store } from '../store/store.ts'
import { countEvents } from './counts.ts'
import type { ReadEvent } from './events.ts'
import { BATCH_NOTE } from './last-batch.ts'

/** How often the queue is looked at without being woken: after a failure, or for batches another server left. */
const LOOK_MS = 5_000
/**
 * Batches counted between two vacuums of the emptied queue. The embedded engine has no autovacuum, and a queue only
 * ever deleted from would grow by each batch's size (about 100 KB a thousand events) for good.
 */
const VACUUM_AFTER = 100

type Stored = [string, ReadEvent['kind'], string, string, ReadEvent['provider'], string | null, string | null]

const stored = (event: ReadEvent): Stored => [
  event.id,
  event.kind,
  event.hour,
  event.ip,
  event.provider,
  event.message ?? null,
  event.pool ?? null,
]

const read = ([id, kind, hour, ip, provider, message, pool]: Stored): ReadEvent => ({
  id,
  kind,
  hour,
  ip,
  provider,
  message: message ?? undefined,
  pool: pool ?? undefined,
})

/** Keeps a verified batch's events until they are counted, and notes that a batch arrived; the batch's id. */
export async function keepBatch(store: Store, events: readonly ReadEvent[]): Promise<string | undefined> {
  if (events.length === 0) return void (await store.query(BATCH_NOTE))
  // One statement, so one trip to the store: the embedded engine runs one at a time, and each trip may wait a count.
  const [kept] = await store.query<{ id: string }>(
    `with noted as (${BATCH_NOTE}) insert into webhook_batches (events) values ($1) returning id`,
    [JSON.stringify(events.map(stored))],
  )
  return kept!.id
}

/**
 * The events of batches this server kept, by id, so that counting them need not read them back: a cache, since
 * another server may count them, or counting may fall behind, and then they are read from the store.
 */
class KeptBatches extends Map<string, readonly ReadEvent[]> {
  /** About 20 MB of events: 64 of SendGrid's usual batches, however large one may be. */
  static readonly MOST_EVENTS = 64_000
  #events = 0
  override set(id: string, events: readonly ReadEvent[]) {
    for (const oldest of this.keys()) {
      if (this.#events + events.length <= KeptBatches.MOST_EVENTS) break
      this.delete(oldest)
    }
    this.#events += events.length
    return super.set(id, events)
  }
  override delete(id: string) {
    this.#events -= this.get(id)?.length ?? 0
    return super.delete(id)
  }
}

/**
 * Counts the oldest waiting batch no other server is counting; whether there was one. One batch a transaction: more
 * would share their hour rows, but the embedded engine runs one transaction at a time, and a batch arriving waits for
 * the one under way before it is kept and answered (measured: no gain from two or three).
 */
async function countWaiting(store: Store, kept = new KeptBatches()): Promise<boolean> {
  const known = new Map(kept) // as it is now: batches kept while this counts may push some out of the cache
  let taken: string | undefined
  try {
    await store.transaction(async (sql: Sql) => {
      // The events of a batch this server kept are not read back: they are counted from memory.
      const [batch] = await sql.query<{ id: string; events: string | null }>(
        `select id, case when id = any($1::bigint[]) then null else events end as events
         from webhook_batches order by id limit 1 for update skip locked`,
        [[...known.keys()]],
      )
      if (!batch) return
      taken = batch.id
      await countEvents(
        sql,
        batch.events === null ? known.get(batch.id)! : (JSON.parse(batch.events) as Stored[]).map(read),
      )
      await sql.query('delete from webhook_batches where id = $1', [batch.id])
    })
  } catch (error) {
    // The oldest batch goes first: one that can never be counted would stop every later one for good.
    if (taken === undefined || !isBatchFault(error)) throw error
    await setAside(store, taken, error)
  }
  if (taken !== undefined) kept.delete(taken)
  return taken !== undefined
}

/** A fault of the batch's own (data the store refuses, a limit, a failure in counting), not of the store's state. */
function isBatchFault(error: unknown): boolean {
  if (error instanceof StoreUnavailable) return false
  const code = (error as { code?: unknown } | null)?.code
  // PostgreSQL's data exceptions, integrity and limit violations; anything else with a code is the connection's.
  return typeof code !== 'string' || /^(22|23|54)/.test(code)
}

async function setAside(store: Store, id: string, error: unknown) {
  await store.query(
    `with moved as (delete from webhook_batches where id = $1 returning id, events, received_at)
     insert into webhook_batches_set_aside (id, events, received_at, error)
     select id, events, received_at, $2 from moved on conflict (id) do nothing`,
    [id, error instanceof Error ? `${error.name}: ${error.message}` : String(error)],
  )
}

/** Puts every set-aside batch back in the queue, to be counted again (after an upgrade); how many. */
export async function recountSetAside(store: Store): Promise<number> {
  const moved = await store.query(
    `with moved as (delete from webhook_batches_set_aside returning events, received_at)
     insert into webhook_batches (events, received_at) select events, received_at from moved returning id`,
  )
  return moved.length
}

/** How far counting is behind: batches waiting, the oldest's wait, and batches set aside. */
export async function backlogOf(sql: Sql): Promise<WebhookBacklog> {
  const [row] = await sql.query<{ waiting: number; oldest: Date | null; set_aside: number }>(
    `select (select count(*)::int from webhook_batches) as waiting,
       (select min(received_at) from webhook_batches) as oldest,
       (select count(*)::int from webhook_batches_set_aside) as set_aside`,
  )
  return {
    waiting: row!.waiting,
    oldestWaitSeconds: row!.oldest ? Math.max(0, Math.round((Date.now() - new Date(row!.oldest).getTime()) / 1000)) : 0,
    setAside: row!.set_aside,
  }
}

/** Counts every batch waiting (a store about to be copied); how many there were. */
export async function countAllWaiting(store: Store): Promise<number> {
  let total = 0
  while (await countWaiting(store)) total += 1
  return total
}

export interface BatchQueue {
  /** Keeps a verified batch (see keepBatch) and counts it soon. */
  keep(events: readonly ReadEvent[]): Promise<void>
  /** Resolves when nothing this server knows of waits to be counted. */
  idle(): Promise<void>
  /** Finishes the count under way and counts no more. */
  stop(): Promise<void>
}

export function startBatchQueue(
  store: Store,
  onError: (error: unknown) => void,
  onCounted: () => void = () => {},
): BatchQueue {
  let stopped = false
  let woken = false
  let running: Promise<void> | undefined
  let sinceVacuum = 0
  const kept = new KeptBatches()

  async function drain() {
    while (woken && !stopped) {
      woken = false
      try {
        // Until the queue is empty as it was; a batch kept since wakes us.
        let counted = 0
        while (!stopped && (await countWaiting(store, kept))) counted += 1
        sinceVacuum += counted
        if (counted) onCounted()
        if (sinceVacuum >= VACUUM_AFTER && !stopped) {
          sinceVacuum = 0
          await store.query('vacuum webhook_batches')
        }
      } catch (error) {
        onError(error)
        return // looked at again on the timer
      }
    }
  }

  const wake = () => {
    woken = true
    running ??= drain().finally(() => (running = undefined))
  }
  const timer = setInterval(wake, LOOK_MS).unref()
  wake()

  return {
    async keep(events) {
      const id = await keepBatch(store, events)
      if (id === undefined) return
      kept.set(id, events)
      wake()
    },
    async idle() {
      while (running) await running
    },
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
