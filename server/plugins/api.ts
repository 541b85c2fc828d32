/**
 * The dashboard's own API (/api/*): whoever asks must be signed in (where people sign in); what is not here is a 404
 * in words. The activity journal is here; the sessions are a plugin of their own (sessions.ts), and the delivery
 * figures belong to the delivery plugin (delivery.ts).
 */
import type { FastifyPluginAsync } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
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

/** The journal's filters and page, checked by Fastify before the handler (a 400 that names the field). */
const ACTIVITY_QUERY = {
  type: 'object',
  properties: {
    pool: { type: 'string', maxLength: 100 },
    user: { type: 'string', maxLength: 320 },
    before: { type: 'string', maxLength: 100 },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
  },
} as const

export const apiPlugin: FastifyPluginAsync<ApiOptions> = async (plugin, { journal, registry }) => {
  const app = plugin.withTypeProvider<JsonSchemaToTsProvider>()
  app.addHook('onRequest', requireUser)
  app.setNotFoundHandler((request, reply) =>
    refuse(reply, 404, `Nothing is at ${request.method} ${request.url.split('?')[0]}.`),
  )
  if (registry) await app.register(sessionsPlugin, { registry })

  app.get('/activity', { schema: { querystring: ACTIVITY_QUERY } }, async (request, reply) => {
    const { pool, user, before, limit } = request.query
    const page = await journal.read({
      ...(pool ? { pool } : {}),
      ...(user ? { user } : {}),
      ...(before ? { before } : {}),
      ...(limit ? { limit } : {}),
    })
    return reply.send(page)
  })
}
