import 'fastify'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent it (app.js): a signed-in user, "local" where nobody signs in, or null with why not. */
    who: {
      user: string | null
      name?: string
      role: 'admin' | 'viewer' | 'local' | null
      /** A session was presented but has expired. */
      ended?: boolean
    }
  }
}
