/** The live sessions (/api/sessions), for admins of a dashboard people sign in to: who is signed in, and ending one. */
import type { FastifyPluginAsync } from 'fastify'
import type { LiveSession } from '../../src/shared/dashboard-api.ts'
import { MESSAGES } from '../../src/shared/messages.ts'
import { refuseCrossSite, requireAdmin } from '../guards.ts'
import { refuse } from '../replies.ts'
import type { SessionRegistry } from '../session-registry.ts'

export const sessionsPlugin: FastifyPluginAsync<{ registry: SessionRegistry }> = async (app, { registry }) => {
  app.addHook('onRequest', requireAdmin(MESSAGES.sessionsAdminsOnly))
  app.addHook('onRequest', refuseCrossSite)
  app.get('/sessions', async (request, reply) => {
    const sessions: LiveSession[] = (await registry.live()).map((session) => ({
      ...session,
      current: session.id === request.who.sessionId,
    }))
    return reply.send(sessions)
  })
  app.delete<{ Params: { id: string } }>('/sessions/:id', async (request, reply) => {
    if (!(await registry.end(request.params.id))) return refuse(reply, 404, 'That session has already ended.')
    request.log.info({ msg: 'session ended by an admin', user: request.who.user, session: request.params.id })
    return reply.code(204).send()
  })
}
