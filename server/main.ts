/**
 * `npm run serve`: the production server, configured from the environment (or a git-ignored .env.local).
 * On SIGTERM or SIGINT it stops taking connections, lets requests in flight finish for up to SHUTDOWN_GRACE_MS
 * (10 seconds by default), and exits 0.
 */
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildServer } from './app.ts'
import { ConfigError, readConfig, type Config } from './config.ts'
import { MigrationError } from './store/migrate.ts'
import { StoreInUse, StoreUnavailable } from './store/store.ts'

const SHUTDOWN_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS) || 10_000

if (existsSync('.env.local')) process.loadEnvFile('.env.local') // never overrides the environment

let config: Config
try {
  config = readConfig(process.env)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(
    JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg: 'not started', reason: error.message }),
  )
  process.exit(1)
}

let app: FastifyInstance
try {
  app = await buildServer(config)
} catch (error) {
  // A store that cannot be opened or migrated is said in words, and nothing is served.
  if (!(error instanceof StoreInUse || error instanceof MigrationError || error instanceof StoreUnavailable))
    throw error
  console.error(
    JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg: 'not started', reason: error.message }),
  )
  process.exit(1)
}

try {
  await app.listen({ port: config.port, host: config.host })
} catch (error) {
  app.log.error({ msg: 'could not start', err: error })
  process.exit(1)
}
if (config.openToNetwork) {
  app.log.warn({
    msg: 'open to the network',
    reason: `ALLOW_ANONYMOUS=true: anyone who reaches ${config.host} acts as this server's admin, with nobody signing in.`,
  })
}
const { port } = app.server.address() as AddressInfo
app.log.info({
  msg: 'serving',
  url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
  sendGrid: config.upstream ?? 'https://api.sendgrid.com',
  keyOnServer: Boolean(config.apiKey),
  signIn: config.signIn ? new URL(config.signIn.issuer).host : 'none: everyone is "local"',
  store: config.databaseUrl ? `postgres (${new URL(config.databaseUrl).host})` : `embedded (${config.dataDir})`,
})

async function shutDown(signal: NodeJS.Signals) {
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
