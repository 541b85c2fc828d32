/**
 * Sessions kept in the browser as an encrypted, authenticated cookie (a JWE, A256GCM, with jose): a session survives
 * a restart and works on every replica that shares SESSION_SECRET. An expired session is still read far enough to
 * say that it ended, rather than that nobody signed in.
 */
import { hkdfSync } from 'node:crypto'
import type { CookieSerializeOptions } from '@fastify/cookie'
import { EncryptJWT, errors, jwtDecrypt, type JWTPayload } from 'jose'

export interface SessionUser {
  /** Lower case: emails compare without regard to case everywhere. */
  email: string
  name?: string
  groups?: string[]
}

/** A session read from its cookie: who, and the id the store knows it by. */
export type SessionState = { user: SessionUser; id: string } | { ended: true } | null

export const MIN_SECRET_LENGTH = 32

export interface SessionOptions {
  /** SESSION_SECRET */
  secret: string
  /** How long a sign-in lasts. */
  maxAgeSeconds: number
  /** Whether the dashboard is served over https (the cookies are then Secure and __Host-). */
  secure: boolean
}

export function createSessions({ secret, maxAgeSeconds, secure }: SessionOptions) {
  // A key of the exact size the cipher takes, derived from the secret, so any long random string will do.
  const key = new Uint8Array(hkdfSync('sha256', secret, 'ip-pools-dashboard', 'session cookie v1', 32))
  const prefix = secure ? '__Host-' : ''

  /**
   * Every cookie is set, and cleared, with these attributes: a browser ignores a clearing of a __Host- cookie that
   * is not Secure, so one set of options serves both.
   */
  const attributes = { httpOnly: true, secure, sameSite: 'lax', path: '/' } as const satisfies CookieSerializeOptions

  async function seal(payload: JWTPayload, ttlSeconds: number): Promise<string> {
    return new EncryptJWT(payload)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .encrypt(key)
  }

  async function unseal(token: string | undefined): Promise<{ payload: JWTPayload } | 'expired' | null> {
    if (!token) return null
    try {
      const { payload } = await jwtDecrypt(token, key, { keyManagementAlgorithms: ['dir'] })
      return { payload }
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'expired' : null
    }
  }

  return {
    /** The session cookie's name, and the short-lived one that carries a sign-in under way. */
    cookie: `${prefix}session`,
    flowCookie: `${prefix}signin`,
    maxAgeSeconds,
    /** The options to set a cookie that lasts `ttlSeconds`. */
    cookieOptions: (ttlSeconds: number): CookieSerializeOptions => ({ ...attributes, maxAge: ttlSeconds }),
    /** The options to clear a cookie: the very attributes it was set with. */
    clearOptions: (): CookieSerializeOptions => ({ ...attributes }),
    seal,
    unseal,
    sealUser: (user: SessionUser, id: string) => seal({ user: { ...user }, sid: id }, maxAgeSeconds),
    async read(token: string | undefined): Promise<SessionState> {
      const opened = await unseal(token)
      if (opened === 'expired') return { ended: true }
      const user = opened?.payload.user as Partial<SessionUser> | undefined
      const id = opened?.payload.sid
      if (!user || typeof user !== 'object' || typeof user.email !== 'string' || typeof id !== 'string') return null
      return { user: user as SessionUser, id }
    },
    /** The cookie outlives the session by a day, so an expired one is still seen, and said, as ended. */
    sessionCookieOptions: (): CookieSerializeOptions => ({ ...attributes, maxAge: maxAgeSeconds + 24 * 60 * 60 }),
  }
}

export type Sessions = ReturnType<typeof createSessions>
