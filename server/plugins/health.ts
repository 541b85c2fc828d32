/**
 * GET /healthz: the process is alive and answering (whatever the store does). GET /readyz: it can do all its work:
 * the store takes a write (a full disk or a read-only database answers reads but not changes), and it says how far
 * counting the Event Webhook's batches is behind. A load balancer sends work elsewhere while this answers 503.
 */
import type { FastifyPluginAsync } from 'fastify'
import { backlogOf } from '../delivery/batch-queue.ts'
import type { Store } from '../store/store.ts'

const CHECK_MS = 1000
/** The write that proves the store takes writes: one row, rewritten. */
const WRITE_CHECK = `insert into server_settings (name, value) values ('ready-check', '')
  on conflict (name) do update set changed_at = now()`

export const healthPlugin: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get('/healthz', async (_request, reply) => reply.send({ status: 'ok' }))
  app.get('/readyz', async (_request, reply) => {
    const ready = await store.ping(CHECK_MS).then(
      () =>
        withinTime(store.query(WRITE_CHECK)).then(
          () => 'ok' as const,
          () => 'unwritable' as const,
        ),
      () => 'unreachable' as const,
    )
    const webhook = ready === 'unreachable' ? undefined : await withinTime(backlogOf(store)).catch(() => undefined)
    return reply
      .code(ready === 'ok' ? 200 : 503)

      .send({ store: ready, ...(webhook ? { webhook } : {}) })
  })
}

function withinTime<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, fail) => setTimeout(() => fail(new Error('no answer in time')), CHECK_MS).unref()),
  ])
}
