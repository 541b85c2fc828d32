/** The dashboard's own API (/api/*), for whoever is signed in: the activity journal. */
import type { FastifyPluginAsync } from 'fastify'
import { requireUser } from '../guards.ts'
import type { Journal } from '../journal.ts'
import { refuse } from '../replies.ts'

export const apiPlugin: FastifyPluginAsync<{ journal: Journal }> = async (app, { journal }) => {
  app.addHook('onRequest', requireUser)

  app.get('/activity', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    const page = await journal.read({
      ...(query.pool ? { pool: query.pool } : {}),
      ...(query.user ? { user: query.user } : {}),
      ...(query.before ? { before: query.before } : {}),
      ...(query.limit ? { limit: Number(query.limit) } : {}),
    })
    return reply.header('cache-control', 'no-store').send(page)
  })

  app.setNotFoundHandler((request, reply) =>
    refuse(reply, 404, `Nothing is at ${request.method} ${request.url.split('?')[0]}.`),
  )
}
