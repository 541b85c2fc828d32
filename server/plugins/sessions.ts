/** The live sessions (/api/sessions), for admins of a dashboard people sign in to: who is signed in, and ending one. */
import type { FastifyPluginAsync } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { LiveSession } from '../../src/shared/dashboard-api.ts'
import { MESSAGES } from '../../src/shared/messages.ts'
import { refuseCrossSite, requireAdmin } from '../guards.ts'
import { refuse } from '../replies.ts'
import type { SessionRegistry } from '../session-registry.ts'

const SESSION_PARAMS = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
  required: ['id'],
} as const

export const sessionsPlugin: FastifyPluginAsync<{ registry: SessionRegistry }> = async (plugin, { registry }) => {
  const app = plugin.withTypeProvider<JsonSchemaToTsProvider>()
  app.addHook('onRequest', requireAdmin(MESSAGES.sessionsAdminsOnly))
  app.addHook('onRequest', refuseCrossSite)
  app.get('/sessions', async (request, reply) => {
    const sessions: LiveSession[] = (await registry.live()).map((session) => ({
      ...session,
      current: session.id === request.who.sessionId,
    }))
    return reply.send(sessions)
  })
  app.delete('/sessions/:id', { schema: { params: SESSION_PARAMS } }, async (request, reply) => {
    if (!(await registry.end(request.params.id))) return refuse(reply, 404, 'That session has already ended.')
    request.log.info({ msg: 'session ended by an admin', user: request.who.user, session: request.params.id })
    return reply.code(204).send()
  })
}
