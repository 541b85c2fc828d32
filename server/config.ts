/**
 * The production server's settings, read from the environment and checked before it starts: a server that would
 * hand a mail-sending key to anyone on the network refuses to start and says what to set instead.
 */
import { isIP } from 'node:net'
import { resolve } from 'node:path'
import { publicKeyOf } from './delivery/signature.ts'
import { MIN_SECRET_LENGTH } from './sessions.ts'

export class ConfigError extends Error {}

/** How long delivery counts are kept unless DELIVERY_RETENTION_DAYS says otherwise. */
export const DEFAULT_DELIVERY_RETENTION_DAYS = 90

const SIGN_IN_SETTINGS = [
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'PUBLIC_URL',
  'SESSION_SECRET',
] as const

export interface SignInSettings {
  /** OIDC_ISSUER */
  issuer: string
  clientId: string
  clientSecret: string
  /** PUBLIC_URL's origin, where the identity provider sends people back to. */
  publicUrl: string
  sessionSecret: string
  sessionSeconds: number
  /** DASHBOARD_ADMINS, lower case. */
  admins: readonly string[]
  /** DASHBOARD_ADMIN_GROUP: a value of the ID token's `groups` claim. */
  adminGroup?: string
}

export interface Config {
  host: string
  port: number
  apiKey?: string
  upstream?: string
  distDir: string
  dataDir: string
  /** A PostgreSQL server for the store; without it, the embedded engine in dataDir. */
  databaseUrl?: string
  /** The Signed Event Webhook's public key (SENDGRID_WEBHOOK_PUBLIC_KEY), base64 DER. */
  webhookPublicKey?: string
  /** How long delivery counts are kept (DELIVERY_RETENTION_DAYS; STATS_RETENTION_DAYS, its older name, still read). */
  deliveryRetentionDays: number
  /** Alerting: how often rules are evaluated, the first retry's delay, hosts exempt from the destination rules. */
  alerts: AlertSettings
  /** Public names the dashboard is served as (DASHBOARD_HOSTS, and PUBLIC_URL's). */
  allowedHosts: string[]
  signIn?: SignInSettings
  /** ALLOW_ANONYMOUS=true on a non-loopback HOST without sign-in: anyone who reaches the server is its admin. */
  openToNetwork?: true
}

export interface AlertSettings {
  /** ALERT_EVALUATE_SECONDS (default 120). */
  evaluateSeconds: number
  /** ALERT_RETRY_SECONDS (default 30), doubling to an hour. */
  retrySeconds: number
  /** ALERT_DESTINATION_HOSTS: may be plain http and resolve anywhere (loopback receivers, an internal relay). */
  destinationHosts: string[]
}

/** A whole number of seconds from the environment, at least 1. */
function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback)
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a whole number of seconds.`)
  return value
}

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  return bare === '::1'
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

export function readConfig(env: NodeJS.ProcessEnv): Config {
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

  let signIn: SignInSettings | undefined
  if (given.length > 0) {
    const publicUrl = new URL(env.PUBLIC_URL!)
    const issuer = new URL(env.OIDC_ISSUER!)
    if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopback(issuer.hostname))) {
      throw new ConfigError('OIDC_ISSUER must be an https:// URL (plain http is accepted on this machine only).')
    }
    const secret = env.SESSION_SECRET!
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(
        `SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters; for example: openssl rand -base64 48`,
      )
    }
    const hours = Number(env.SESSION_HOURS ?? 8)
    if (!(hours > 0)) throw new ConfigError(`SESSION_HOURS must be a positive number, not "${env.SESSION_HOURS}".`)
    const adminGroup = env.DASHBOARD_ADMIN_GROUP?.trim()
    signIn = {
      issuer: issuer.href,
      clientId: env.OIDC_CLIENT_ID!,
      clientSecret: env.OIDC_CLIENT_SECRET!,
      publicUrl: publicUrl.origin,
      sessionSecret: secret,
      sessionSeconds: Math.max(1, Math.round(hours * 3600)),
      admins: list(env.DASHBOARD_ADMINS).map((email) => email.toLowerCase()),
      ...(adminGroup ? { adminGroup } : {}),
    }
  }

  // Where nobody signs in, everyone who reaches the server is its admin: with a key, they use it; without one,
  // they still connect the Event Webhook and change what the figures say.
  const allowAnonymous = env.ALLOW_ANONYMOUS === 'true'
  if (!signIn && !isLoopback(host) && !allowAnonymous) {
    throw new ConfigError(
      `HOST=${host} lets other machines reach this server, and nobody has to sign in, so anyone who reaches it ` +
        `would act as its admin${apiKey ? ' with the SendGrid key on this server' : ''}. ` +
        `Set ${SIGN_IN_SETTINGS.join(', ')} (and DASHBOARD_ADMINS) to require sign-in, ` +
        'or ALLOW_ANONYMOUS=true to accept that anyone who reaches it is an admin.',
    )
  }

  const webhookPublicKey = env.SENDGRID_WEBHOOK_PUBLIC_KEY?.trim() || undefined
  if (webhookPublicKey) {
    try {
      publicKeyOf(webhookPublicKey)
    } catch {
      throw new ConfigError("SENDGRID_WEBHOOK_PUBLIC_KEY must be the Event Webhook's public key as SendGrid shows it.")
    }
  }
  const retention = env.DELIVERY_RETENTION_DAYS ?? env.STATS_RETENTION_DAYS
  const deliveryRetentionDays = Number(retention ?? DEFAULT_DELIVERY_RETENTION_DAYS)
  if (!Number.isInteger(deliveryRetentionDays) || deliveryRetentionDays < 1) {
    throw new ConfigError(`DELIVERY_RETENTION_DAYS must be a whole number of days, not "${retention}".`)
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL (or leave it unset for the embedded store).')
  }

  return {
    host,
    port,
    ...(apiKey ? { apiKey } : {}),
    ...(env.SENDGRID_API_BASE ? { upstream: env.SENDGRID_API_BASE } : {}),
    distDir: resolve(env.DIST_DIR || 'dist'),
    dataDir: resolve(env.DATA_DIR || 'data'),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(webhookPublicKey ? { webhookPublicKey } : {}),
    deliveryRetentionDays,
    alerts: {
      evaluateSeconds: seconds(env, 'ALERT_EVALUATE_SECONDS', 120),
      retrySeconds: seconds(env, 'ALERT_RETRY_SECONDS', 30),
      destinationHosts: list(env.ALERT_DESTINATION_HOSTS).map((host) => host.toLowerCase()),
    },
    allowedHosts: [...list(env.DASHBOARD_HOSTS), ...(signIn ? [new URL(signIn.publicUrl).hostname] : [])],
    ...(signIn ? { signIn } : {}),
    ...(!signIn && !isLoopback(host) ? { openToNetwork: true as const } : {}),
  }
}
