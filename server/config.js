// @ts-check
/**
 * The production server's settings, read from the environment and checked before it starts: a server that would
 * hand a mail-sending key to anyone on the network refuses to start and says what to set instead.
 */
import { isIP } from 'node:net'
import { resolve } from 'node:path'
import { MIN_SECRET_LENGTH } from './sessions.js'

export class ConfigError extends Error {}

const SIGN_IN_SETTINGS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL', 'SESSION_SECRET']

/** @param {string} host */
export function isLoopback(host) {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  return bare === '::1'
}

/** @param {string | undefined} value */
const list = (value) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

/** @param {NodeJS.ProcessEnv} env */
export function readConfig(env) {
  const host = env.HOST || 'localhost'
  const port = Number(env.PORT ?? 4173)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, not "${env.PORT}".`)
  const apiKey = env.SENDGRID_API_KEY?.trim() || undefined

  const given = SIGN_IN_SETTINGS.filter((name) => env[name]?.trim())
  if (given.length > 0 && given.length < SIGN_IN_SETTINGS.length) {
    const missing = SIGN_IN_SETTINGS.filter((name) => !given.includes(name))
    throw new ConfigError(`Sign-in is half set up: also set ${missing.join(', ')}.`)
  }

  let signIn
  if (given.length > 0) {
    const publicUrl = new URL(/** @type {string} */ (env.PUBLIC_URL))
    const issuer = new URL(/** @type {string} */ (env.OIDC_ISSUER))
    if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopback(issuer.hostname))) {
      throw new ConfigError('OIDC_ISSUER must be an https:// URL (plain http is accepted on this machine only).')
    }
    const secret = /** @type {string} */ (env.SESSION_SECRET)
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(
        `SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters; for example: openssl rand -base64 48`,
      )
    }
    const hours = Number(env.SESSION_HOURS ?? 8)
    if (!(hours > 0)) throw new ConfigError(`SESSION_HOURS must be a positive number, not "${env.SESSION_HOURS}".`)
    signIn = {
      issuer: issuer.href,
      clientId: /** @type {string} */ (env.OIDC_CLIENT_ID),
      clientSecret: /** @type {string} */ (env.OIDC_CLIENT_SECRET),
      publicUrl: publicUrl.origin,
      sessionSecret: secret,
      sessionSeconds: Math.max(1, Math.round(hours * 3600)),
      admins: list(env.DASHBOARD_ADMINS).map((email) => email.toLowerCase()),
      adminGroup: env.DASHBOARD_ADMIN_GROUP?.trim() || undefined,
    }
  }

  const anonymousOk = env.ALLOW_ANONYMOUS === 'true'
  if (apiKey && !signIn && !isLoopback(host) && !anonymousOk) {
    throw new ConfigError(
      `HOST=${host} lets other machines use the SendGrid key on this server, and nobody has to sign in. ` +
        `Set ${SIGN_IN_SETTINGS.join(', ')} (and DASHBOARD_ADMINS) to require sign-in, ` +
        'or ALLOW_ANONYMOUS=true to accept that anyone who reaches it can use the key.',
    )
  }

  return {
    host,
    port,
    apiKey,
    upstream: env.SENDGRID_API_BASE || undefined,
    distDir: env.DIST_DIR ? resolve(env.DIST_DIR) : undefined,
    dataDir: resolve(env.DATA_DIR || 'data'),
    allowedHosts: [...list(env.DASHBOARD_HOSTS), ...(signIn ? [new URL(signIn.publicUrl).hostname] : [])],
    signIn,
  }
}

/** @typedef {ReturnType<typeof readConfig>} Config */
