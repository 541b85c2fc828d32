// @ts-check
/**
 * `npm run serve`: the production server, configured from the environment (or a git-ignored .env.local).
 * On SIGTERM or SIGINT it stops taking connections, lets requests in flight finish for up to 10 seconds, and exits 0.
 */
import { existsSync } from 'node:fs'
import { buildServer } from './app.js'

const SHUTDOWN_GRACE_MS = 10_000

if (existsSync('.env.local')) process.loadEnvFile('.env.local') // never overrides the environment

const env = process.env
const port = Number(env.PORT ?? 4173)
const host = env.HOST || 'localhost'

const app = await buildServer({
  apiKey: env.SENDGRID_API_KEY,
  upstream: env.SENDGRID_API_BASE || undefined,
  distDir: env.DIST_DIR || undefined,
  allowedHosts: (env.DASHBOARD_HOSTS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
})

try {
  await app.listen({ port, host })
} catch (error) {
  app.log.error({ msg: 'could not start', err: error })
  process.exit(1)
}
const { port: boundPort } = /** @type {import('node:net').AddressInfo} */ (app.server.address())
app.log.info({
  msg: 'serving',
  url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
  sendGrid: env.SENDGRID_API_BASE || 'https://api.sendgrid.com',
  keyOnServer: Boolean(env.SENDGRID_API_KEY?.trim()),
})

/** @param {NodeJS.Signals} signal */
async function shutDown(signal) {
  app.log.info({ msg: 'stopping', signal })
  const force = setTimeout(() => {
    app.log.warn({ msg: 'requests still open after the grace period; closing them', graceMs: SHUTDOWN_GRACE_MS })
    app.server.closeAllConnections()
    process.exit(0)
  }, SHUTDOWN_GRACE_MS)
  force.unref()
  // A kept-alive connection goes idle once its request is answered; close it then, not at the grace period's end.
  setInterval(() => app.server.closeIdleConnections(), 100).unref()
  await app.close()
  app.log.info({ msg: 'stopped' })
  process.exit(0)
}
process.once('SIGTERM', shutDown)
process.once('SIGINT', shutDown)
