/**
 * Who sent a request: read from the session cookie for every request (identifying is not guarding: the guards that
 * act on it belong to the routes, see guards.ts), and said the same way to the access log, the page and the app.
 */
import type { FastifyRequest } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import type { SessionStatus } from '../src/shared/dashboard-api.ts'
import type { SignInSettings } from './config.ts'
import type { SessionRegistry } from './session-registry.ts'
import type { SessionUser, Sessions } from './sessions.ts'

export type Role = 'admin' | 'viewer'

export interface Who {
  /** An email (lower case), "local" where nobody signs in, or null: nobody. */
  user: string | null
  name?: string
  role: Role | 'local' | null
  /** A session was presented but has expired or was ended. */
  ended?: boolean
  signInRequired: boolean
  /** The store's id of the session, where people sign in. */
  sessionId?: string
  /** The access token the request came with (its name), on the routes that take one. */
  token?: string
}

declare module 'fastify' {
  interface FastifyRequest {
    who: Who
  }
}

/** Admins by DASHBOARD_ADMINS (any case) or DASHBOARD_ADMIN_GROUP, read on every request; everyone else views. */
export function roleOf(user: SessionUser, { admins, adminGroup }: Pick<SignInSettings, 'admins' | 'adminGroup'>): Role {
  if (admins.includes(user.email.toLowerCase())) return 'admin'
  if (adminGroup && user.groups?.includes(adminGroup)) return 'admin'
  return 'viewer'
}

/** Who is asking, as /proxy/status and the page tell the app. */
export function sessionStatus(who: Who): SessionStatus {
  return {
    signInRequired: who.signInRequired,
    user: who.user && who.role !== 'local' ? { email: who.user, ...(who.name ? { name: who.name } : {}) } : null,
    role: who.role ?? 'none',
    ...(who.ended ? { ended: true } : {}),
  }
}

interface IdentityOptions {
  /** All absent where nobody signs in: every request is the one "local" user. */
  sessions?: Sessions
  signIn?: SignInSettings
  registry?: SessionRegistry
}

/** Sets `request.who` on every request (fastify-plugin: the decoration and its hook are the whole server's). */
export const identity = fastifyPlugin<IdentityOptions>(async (app, { sessions, signIn, registry }) => {
  // Null only for a request refused before this hook ran (a foreign Host); every route sees it set.
  app.decorateRequest('who', null as unknown as Who)
  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.who = await identify(request)
  })

  async function identify(request: FastifyRequest): Promise<Who> {
    if (!sessions || !signIn || !registry) return { user: 'local', role: 'local', signInRequired: false }
    const session = await sessions.read(request.cookies[sessions.cookie])
    if (!session) return { user: null, role: null, signInRequired: true }
    // Expired, signed out (here or on another server), or ended by an admin: the same to the person.
    if ('ended' in session || !(await registry.isLive(session.id)))
      return { user: null, role: null, ended: true, signInRequired: true }
    const { email, name } = session.user
    const role = roleOf(session.user, signIn)
    return { user: email, ...(name ? { name } : {}), role, signInRequired: true, sessionId: session.id }
  }
})
