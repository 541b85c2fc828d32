/** GET /healthz: the process is alive and answering. */
import type { FastifyPluginAsync } from 'fastify'

export const healthPlugin: FastifyPluginAsync = async (app) => {
  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }))
}
