/**
 * The dashboard's own API (/api/*), for whoever is signed in: the activity journal, and for admins the live
 * sessions, each of which they can end.
 */
import type { FastifyPluginAsync } from 'fastify'
import type { LiveSession } from '../../src/shared/dashboard-api.ts'
import { refuseCrossSite, requireAdmin, requireUser } from '../guards.ts'
import type { Journal } from '../journal.ts'
import { refuse } from '../replies.ts'
import type { SessionRegistry } from '../session-registry.ts'

interface ApiOptions {
  journal: Journal
  /** Where people sign in. */
  registry?: SessionRegistry
}

export const apiPlugin: FastifyPluginAsync<ApiOptions> = async (app, { journal, registry }) => {
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

  if (registry) {
    await app.register(async (admin) => {
      admin.addHook('onRequest', requireAdmin)
      admin.addHook('onRequest', refuseCrossSite)
      admin.get('/sessions', async (request, reply) => {
        const sessions: LiveSession[] = (await registry.live()).map((session) => ({
          ...session,
          current: session.id === request.who.sessionId,
        }))
        return reply.header('cache-control', 'no-store').send(sessions)
      })
      admin.delete<{ Params: { id: string } }>('/sessions/:id', async (request, reply) => {
        if (!(await registry.end(request.params.id))) return refuse(reply, 404, 'That session has already ended.')
        request.log.info({ msg: 'session ended by an admin', user: request.who.user, session: request.params.id })
        return reply.code(204).header('cache-control', 'no-store').send()
      })
    })
  }

  app.setNotFoundHandler((request, reply) =>
    refuse(reply, 404, `Nothing is at ${request.method} ${request.url.split('?')[0]}.`),
  )
}
