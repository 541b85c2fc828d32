/**
 * GET /healthz: the process is alive and answering (whatever the store does). GET /readyz: it can do all its work,
 * the store included; a load balancer sends changes elsewhere while this answers 503.
 */
import type { FastifyPluginAsync } from 'fastify'
import type { Store } from '../store/store.ts'

export const healthPlugin: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }))
  app.get('/readyz', async (_request, reply) => {
    const ready = await store.ping(1000).then(
      () => true,
      () => false,
    )
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ store: ready ? 'ok' : 'unreachable' })
  })
}
