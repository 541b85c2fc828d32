/** Stores for tests: on each engine, a PostgreSQL server of a test's own, and a relay that can be cut. */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { randomBytes } from 'node:crypto'
import {
  connect,
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net'
import { migrate } from '../store/migrate.ts'
import { openEmbedded, openPostgres, type Store } from '../store/store.ts'

const run = promisify(execFile)

/**
 * The store engines the tests run against: the embedded one always, and a PostgreSQL server where TEST_DATABASE_URL
 * names one (CI starts one; `.ci/run` says how). Each test file gets a database of its own on that server.
 */
export const ENGINES: Store['engine'][] = process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded']
if (process.env.CI && !process.env.TEST_DATABASE_URL) throw new Error('CI must set TEST_DATABASE_URL: see .ci/run')

/** A new, empty, migrated store on `engine`, and how to throw it away. */
export async function createTestStore(
  engine: Store['engine'],
): Promise<{ store: Store; dispose(): Promise<void>; url?: string; database?: string }> {
  if (engine === 'embedded') {
    const store = await openEmbedded()
    await migrate(store)
    return { store, dispose: () => store.close() }
  }
  const admin = await openPostgres(process.env.TEST_DATABASE_URL!)
  const name = `test_${randomBytes(6).toString('hex')}`
  await admin.query(`create database ${name}`)
  const url = new URL(process.env.TEST_DATABASE_URL!)
  url.pathname = `/${name}`
  const store = await openPostgres(url.href)
  await migrate(store)
  return {
    store,
    url: url.href,
    database: name,
    async dispose() {
      await store.close()
      await admin.query(`drop database ${name} with (force)`)
      await admin.close()
    },
  }
}

/** One store for a test file, emptied before each test. */
export function sharedStore(engine: Store['engine'] = 'embedded'): () => Store {
  let made: Awaited<ReturnType<typeof createTestStore>> | undefined
  beforeAll(async () => {
    made = await createTestStore(engine)
  })
  beforeEach(async () => {
    await made!.store.query(
      'truncate activity, sessions, delivery_hours, webhook_events_seen, message_pools, message_pending, server_settings, ' +
        'webhook_batches, webhook_batches_set_aside, alert_rules, alert_incidents, alert_outbox, alert_channels, ' +
        'alert_mutes, alert_attempts',
    )
  })
  afterAll(() => made?.dispose())
  return () => made!.store
}

/**
 * A PostgreSQL server of the test's own (Debian's 15, through scripts/test-postgres.sh, on a free loopback port),
 * which the test can freeze, as SIGSTOP does to every one of its processes, and wake: a database that hangs
 * rather than one that is gone. Only where the tests have PostgreSQL's programs (TEST_DATABASE_URL is set).
 */
export async function startOwnPostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'own-postgres-'))
  const port = await new Promise<number>((done) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => done(port))
    })
  })
  const env = { ...process.env, PG_TEST_DIR: dir, PG_TEST_PORT: String(port) }
  const { stdout } = await run('scripts/test-postgres.sh', ['start'], { env })
  const url = /TEST_DATABASE_URL=(\S+)/.exec(stdout)![1]!
  /** The postmaster first, so that it forks nothing new, then every process it has started. */
  const processes = () => {
    const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
    const children = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster
        } catch {
          return false // ended meanwhile
        }
      })
      .map(Number)
    return [postmaster, ...children]
  }
  return {
    url,
    freeze: () => processes().forEach((pid) => process.kill(pid, 'SIGSTOP')),
    thaw: () => processes().forEach((pid) => process.kill(pid, 'SIGCONT')),
    stop: () => run('scripts/test-postgres.sh', ['stop'], { env }),
  }
}

/**
 * A TCP relay between the server and its database, which a test can cut (every connection dropped, new ones
 * refused, as when PostgreSQL stops) and restore on the same port.
 */
export async function startTcpRelay(targetUrl: string) {
  const target = new URL(targetUrl)
  const sockets = new Set<Socket>()
  let relay: NetServer | undefined
  let port = 0
  const open = () =>
    new Promise<void>((done) => {
      relay = createNetServer((client) => {
        const upstream = connect(Number(target.port), target.hostname)
        for (const socket of [client, upstream]) {
          sockets.add(socket)
          socket.on('error', () => {})
          socket.on('close', () => sockets.delete(socket))
        }
        client.pipe(upstream).pipe(client)
      })
      relay.listen(port, '127.0.0.1', () => {
        port = (relay!.address() as AddressInfo).port
        done()
      })
    })
  await open()
  const url = new URL(targetUrl)
  url.port = String(port)
  return {
    /** The database's URL, through the relay. */
    url: (database: string) => Object.assign(new URL(url), { pathname: `/${database}` }).href,
    async cut() {
      for (const socket of sockets) socket.destroy()
      await new Promise((done) => relay!.close(done))
    },
    restore: open,
    close: () => new Promise((done) => relay?.close(done)),
  }
}
