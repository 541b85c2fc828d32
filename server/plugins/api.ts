/**
 * The dashboard's own API (/api/*): whoever asks must be signed in (where people sign in); what is not here is a 404
 * in words. The activity journal is here; the sessions are a plugin of their own (sessions.ts), and the delivery
 * figures belong to the delivery plugin (delivery.ts).
 */
import type { FastifyPluginAsync } from 'fastify'
import { requireUser } from '../guards.ts'
import type { Journal } from '../journal.ts'
import { refuse } from '../replies.ts'
import type { SessionRegistry } from '../session-registry.ts'
import { sessionsPlugin } from './sessions.ts'

interface ApiOptions {
  journal: Journal
  /** Where people sign in. */
  registry?: SessionRegistry
}

export const apiPlugin: FastifyPluginAsync<ApiOptions> = async (app, { journal, registry }) => {
  app.addHook('onRequest', requireUser)
  app.setNotFoundHandler((request, reply) =>
    refuse(reply, 404, `Nothing is at ${request.method} ${request.url.split('?')[0]}.`),
  )
  if (registry) await app.register(sessionsPlugin, { registry })

  app.get('/activity', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    const page = await journal.read({
      ...(query.pool ? { pool: query.pool } : {}),
      ...(query.user ? { user: query.user } : {}),
      ...(query.before ? { before: query.before } : {}),
      ...(query.limit ? { limit: Number(query.limit) } : {}),
    })
    return reply.send(page)
  })
}
