// @ts-check
/**
 * Sessions kept in the browser as an encrypted, authenticated cookie (a JWE, A256GCM, with jose): nothing is
 * stored on the server, so a session survives a restart and works on every replica that shares SESSION_SECRET.
 * An expired session is still read far enough to say that it ended, rather than that nobody signed in.
 */
import { hkdfSync } from 'node:crypto'
import { EncryptJWT, errors, jwtDecrypt } from 'jose'

/** @typedef {{ email: string, name?: string, groups?: string[] }} SessionUser */
/** @typedef {{ user: SessionUser } | { ended: true } | null} SessionState */

export const MIN_SECRET_LENGTH = 32

/**
 * @param {object} options
 * @param {string} options.secret SESSION_SECRET
 * @param {number} options.maxAgeSeconds how long a sign-in lasts
 * @param {boolean} options.secure whether the dashboard is served over https (the cookie is then Secure and __Host-)
 */
export function createSessions({ secret, maxAgeSeconds, secure }) {
  // A key of the exact size the cipher takes, derived from the secret, so any long random string will do.
  const key = new Uint8Array(hkdfSync('sha256', secret, 'ip-pools-dashboard', 'session cookie v1', 32))
  const prefix = secure ? '__Host-' : ''

  /** @param {number} ttlSeconds @returns {import('@fastify/cookie').CookieSerializeOptions} */
  const cookieOptions = (ttlSeconds) => ({ httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: ttlSeconds })

  /**
   * @param {Record<string, unknown>} payload
   * @param {number} ttlSeconds
   */
  async function seal(payload, ttlSeconds) {
    return new EncryptJWT(payload)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .encrypt(key)
  }

  /**
   * @param {string | undefined} token
   * @returns {Promise<{ payload: Record<string, unknown> } | 'expired' | null>}
   */
  async function unseal(token) {
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
    cookieOptions,
    seal,
    unseal,
    /** @param {SessionUser} user */
    sealUser: (user) => seal({ user }, maxAgeSeconds),
    /**
     * @param {string | undefined} token
     * @returns {Promise<SessionState>}
     */
    async read(token) {
      const opened = await unseal(token)
      if (opened === 'expired') return { ended: true }
      const user = opened?.payload.user
      if (!user || typeof user !== 'object' || typeof (/** @type {SessionUser} */ (user).email) !== 'string')
        return null
      return { user: /** @type {SessionUser} */ (user) }
    },
    /** The cookie outlives the session by a day, so an expired one is still seen, and said, as ended. */
    sessionCookieOptions: () => cookieOptions(maxAgeSeconds + 24 * 60 * 60),
  }
}

/** @typedef {ReturnType<typeof createSessions>} Sessions */
