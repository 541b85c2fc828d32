/**
 * The pool layout as a file (/api/layout/*) and the access tokens a pipeline uses for it (/api/tokens). Everyone
 * signed in, and a token of either scope, exports, plans and reads drift and applies; admins, and a token scoped to
 * layout, apply and undo. Tokens are made, listed and revoked by admins in the browser only: a token cannot make one.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { LayoutRefusal } from '../../src/shared/layout-api.ts'
import { TOKEN_PREFIX, tokenProblem, type TokenScope } from '../../src/shared/layout-api.ts'
import { MAX_LAYOUT_BYTES, readLayout, type LayoutFile } from '../../src/shared/layout-file.ts'
import { AccountReadError, exportedLayout } from '../../src/shared/layout-run.ts'
import { errorBody, MESSAGES, REFUSAL_CODES } from '../../src/shared/messages.ts'
import { refuseCrossSite, requireAdmin, requireUser } from '../guards.ts'
import type { Journal } from '../journal.ts'
import { ApplyRunning, listApplies, readApply } from '../layout/applies.ts'
import { LayoutRefused, type Actor, type LayoutService } from '../layout/service.ts'
import { createToken, listTokens, revokeToken, tokenOf } from '../layout/tokens.ts'
import { refuse } from '../replies.ts'
import type { Store } from '../store/store.ts'

interface LayoutPluginOptions {
  store: Store
  journal: Journal
  layout: LayoutService
}

const UUID = {
  type: 'string',
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
} as const
const ID_PARAMS = { type: 'object', properties: { id: UUID }, required: ['id'] } as const
const EXPORT_QUERY = { type: 'object', properties: { context: { type: 'boolean' } } } as const
const PLAN_BODY = { type: 'object', properties: { layout: {} }, required: ['layout'] } as const
const APPLY_BODY = {
  type: 'object',
  properties: { layout: {}, basedOn: { type: 'string', pattern: '^[0-9a-f]{16}$' } },
  required: ['layout', 'basedOn'],
} as const
const ANY_BODY = { type: 'object' } as const
/** A layout's body: the file, a little over its own limit for the envelope around it. */
const BODY_LIMIT = MAX_LAYOUT_BYTES + 64 * 1024

/**
 * The access token an Authorization header presents, if it presents one. A browser connected with its own SendGrid
 * key sends that key to this origin with every call: it is not a token, and the request stays the session's.
 */
function accessTokenIn(header: string | undefined): string | undefined {
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1]
  return bearer?.startsWith(TOKEN_PREFIX) ? bearer : undefined
}

function refusal(reply: FastifyReply, status: number, body: LayoutRefusal) {
  return reply.code(status).type('application/json').send(body)
}

/** A layout as sent, read at the door: the file, or a 400 naming each problem at its place. */
function layoutOf(value: unknown, reply: FastifyReply): LayoutFile | undefined {
  const read = readLayout(value)
  if (read.layout) return read.layout
  void refusal(reply, 400, {
    ...errorBody('The layout file has problems: nothing was planned.'),
    problems: read.problems,
  })
  return undefined
}

/** What the engine could not do, in words: its refusal, SendGrid's, or another apply running. */
function failed(reply: FastifyReply, error: unknown) {
  if (error instanceof LayoutRefused)
    return refusal(reply, error.status, {
      ...errorBody(error.message),
      ...(error.replan ? { replan: error.replan } : {}),
    })
  if (error instanceof AccountReadError) return refuse(reply, error.status === 429 ? 429 : 502, error.message)
  if (error instanceof ApplyRunning)
    return refuse(reply, 409, 'Another layout apply is running: wait for it to end, then plan again.')
  throw error
}

export const layoutPlugin: FastifyPluginAsync<LayoutPluginOptions> = async (plugin, { store, journal, layout }) => {
  plugin.addHook('onClose', () => layout.stop())
  const actorOf = (request: FastifyRequest): Actor => ({
    user: request.who.user ?? 'local',
    ...(request.who.token ? { token: request.who.token } : {}),
  })

  await plugin.register(async (scope) => {
    const app = scope.withTypeProvider<JsonSchemaToTsProvider>()
    // A pipeline's access token, on these routes and no others: the request acts as the token's owner, in its scope.
    app.addHook('onRequest', async (request, reply) => {
      const presented = accessTokenIn(request.headers.authorization)
      if (presented === undefined) return
      const token = await tokenOf(store, presented)
      if (!token) return refuse(reply, 401, MESSAGES.tokenRefused)
      const role = token.scope === 'layout' ? 'admin' : 'viewer'
      request.who = { user: token.owner, role, signInRequired: request.who.signInRequired, token: token.name }
      request.log.info({ msg: 'access token used', token: token.name, owner: token.owner, scope: token.scope })
    })
    app.addHook('onRequest', requireUser)

    app.get('/layout', { schema: { querystring: EXPORT_QUERY } }, async (request, reply) => {
      try {
        const { account, facts } = await layout.current()
        const file = exportedLayout(account, facts, request.query.context === true)
        return reply.send(file)
      } catch (error) {
        return failed(reply, error)
      }
    })
    app.post('/layout/plan', { schema: { body: PLAN_BODY }, bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const file = layoutOf(request.body.layout, reply)
      if (!file) return reply
      try {
        return reply.send(await layout.plan(file))
      } catch (error) {
        return failed(reply, error)
      }
    })
    app.get('/layout/drift', async (_request, reply) => {
      try {
        return reply.send(await layout.drift())
      } catch (error) {
        return failed(reply, error)
      }
    })
    app.get('/layout/applies', async (_request, reply) => reply.send(await listApplies(store)))
    app.get('/layout/applies/:id', { schema: { params: ID_PARAMS } }, async (request, reply) => {
      const stored = await readApply(store, request.params.id)
      return stored ? reply.send(stored.view) : refuse(reply, 404, 'There is no such apply.')
    })

    await app.register(async (changes) => {
      const admin = changes.withTypeProvider<JsonSchemaToTsProvider>()
      admin.addHook('onRequest', async (request, reply) => {
        if (request.who.token && request.who.role !== 'admin')
          return refuse(reply, 403, MESSAGES.tokenScope, REFUSAL_CODES.viewer)
      })
      admin.addHook('onRequest', requireAdmin(MESSAGES.layoutAdminsOnly))
      admin.addHook('onRequest', refuseCrossSite)
      admin.post('/layout/applies', { schema: { body: APPLY_BODY }, bodyLimit: BODY_LIMIT }, async (request, reply) => {
        const file = layoutOf(request.body.layout, reply)
        if (!file) return reply
        try {
          return reply.code(202).send(await layout.apply(file, request.body.basedOn, actorOf(request)))
        } catch (error) {
          return failed(reply, error)
        }
      })
      admin.post('/layout/applies/:id/undo', { schema: { params: ID_PARAMS } }, async (request, reply) => {
        try {
          return reply.code(202).send(await layout.undo(request.params.id, actorOf(request)))
        } catch (error) {
          return failed(reply, error)
        }
      })
    })
  })

  // Tokens: admins in the browser (or the one local user); a request with a token is not signed in here.
  await plugin.register(async (scope) => {
    const admin = scope.withTypeProvider<JsonSchemaToTsProvider>()
    admin.addHook('onRequest', async (request, reply) => {
      if (accessTokenIn(request.headers.authorization) !== undefined)
        return refuse(reply, 403, MESSAGES.tokensAdminsOnly)
    })
    admin.addHook('onRequest', requireUser)
    admin.addHook('onRequest', requireAdmin(MESSAGES.tokensAdminsOnly))
    admin.addHook('onRequest', refuseCrossSite)
    const who = (request: FastifyRequest) => request.who.user ?? 'local'
    admin.get('/tokens', async (_request, reply) => reply.send({ tokens: await listTokens(store) }))
    admin.post('/tokens', { schema: { body: ANY_BODY } }, async (request, reply) => {
      const problem = tokenProblem(request.body)
      if (problem) return reply.code(400).send({ errors: [{ field: problem.field, message: problem.message }] })
      const { name, scope: tokenScope } = request.body as { name: string; scope: TokenScope }
      const entry = await journal.begin(who(request), { action: 'token-create', token: name.trim() })
      const made = await createToken(store, name, tokenScope, who(request))
      await journal.complete(entry.id, { status: 201, ok: true })
      request.log.info({ msg: 'access token created', token: made.name, scope: made.scope, owner: made.owner })
      return reply.code(201).send(made)
    })
    admin.delete('/tokens/:id', { schema: { params: ID_PARAMS } }, async (request, reply) => {
      const known = (await listTokens(store)).find((token) => token.id === request.params.id && !token.revokedAt)
      if (!known) return refuse(reply, 404, 'There is no such live token.')
      const entry = await journal.begin(who(request), { action: 'token-revoke', token: known.name })
      await revokeToken(store, known.id, who(request))
      await journal.complete(entry.id, { status: 204, ok: true })
      request.log.info({ msg: 'access token revoked', token: known.name, by: who(request) })
      return reply.code(204).send()
    })
  })
}
