/**
 * Where the server keeps what it knows, in PostgreSQL's dialect on either of two engines: an embedded PostgreSQL
 * (PGlite, Postgres compiled to WebAssembly) persisted under DATA_DIR by default, so one command still runs the
 * dashboard; or a PostgreSQL server through a pool (`pg`) when DATABASE_URL is set, for several servers at once.
 * The same migrations and queries run on both; nothing above this file knows which engine it has.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>
}

export interface Store extends Sql {
  readonly engine: 'embedded' | 'postgres'
  /** Runs `work` in one transaction: all of it is kept, or none. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>
  /** Resolves when the store answers within `timeoutMs`; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable'
}

export interface StoreOptions {
  /** postgres://… : a PostgreSQL server. Without it, the embedded engine in `dataDir`. */
  databaseUrl?: string
  dataDir: string
}

export async function openStore({ databaseUrl, dataDir }: StoreOptions): Promise<Store> {
  return databaseUrl ? openPostgres(databaseUrl) : openEmbedded(join(dataDir, 'store'))
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new StoreUnavailable(`The store did not answer within ${timeoutMs} ms.`)), timeoutMs)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** The embedded engine, in `folder`, or in memory without one (tests). */
export async function openEmbedded(folder?: string): Promise<Store> {
  if (folder) await mkdir(folder, { recursive: true })
  const unlock = folder ? await lockFolder(folder) : async () => {}
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await PGlite.create(folder).catch(async (error: unknown) => {
    await unlock()
    throw error
  })
  const sqlOf = (runner: Pick<typeof db, 'query'>): Sql => ({
    async query<Row>(text: string, params: unknown[] = []) {
      return (await runner.query<Row>(text, params)).rows
    },
  })
  return {
    engine: 'embedded',
    ...sqlOf(db),
    transaction: (work) => db.transaction((tx) => work(sqlOf(tx))),
    ping: async (timeoutMs = 2000) => void (await withTimeout(db.query('select 1'), timeoutMs)),
    close: async () => {
      await db.close()
      await unlock()
    },
  }
}

export class StoreInUse extends Error {
  override name = 'StoreInUse'
}

/**
 * One process at a time in an embedded store's folder: a second would corrupt it. The lock names its holder's
 * process; a lock left by a process that is gone (killed) is taken over.
 */
async function lockFolder(folder: string): Promise<() => Promise<void>> {
  const lock = join(folder, 'server.pid')
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' })
      return () => rm(lock, { force: true })
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error
      const holder = Number(await readFile(lock, 'utf8').catch(() => ''))
      if (holder && holder !== process.pid && isRunning(holder)) {
        throw new StoreInUse(
          `Another server (process ${holder}) is using the embedded store in ${folder}. ` +
            'Give each server its own DATA_DIR, or share a PostgreSQL server with DATABASE_URL.',
        )
      }
      await rm(lock, { force: true })
    }
  }
  throw new StoreInUse(`The embedded store in ${folder} could not be locked.`)
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

export async function openPostgres(url: string): Promise<Store> {
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A server that is down is said at once rather than waited for: the dashboard answers 503 and tries again later.
    connectionTimeoutMillis: 2000,
    query_timeout: 10_000,
    idleTimeoutMillis: 30_000,
  })
  // A connection dropped while idle (the server restarted) is replaced on the next query, not a crash.
  pool.on('error', () => {})
  const query = async <Row>(text: string, params: unknown[] = []) => {
    try {
      return (await pool.query(text, params)).rows as Row[]
    } catch (error) {
      throw unavailableOr(error)
    }
  }
  return {
    engine: 'postgres',
    query,
    async transaction(work) {
      let client
      try {
        client = await pool.connect()
      } catch (error) {
        throw unavailableOr(error)
      }
      try {
        await client.query('begin')
        const result = await work({
          query: async <Row>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as Row[],
        })
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback').catch(() => {})
        throw unavailableOr(error)
      } finally {
        client.release()
      }
    },
    ping: async (timeoutMs = 2000) => void (await withTimeout(query('select 1'), timeoutMs)),
    close: () => pool.end(),
  }
}

/** A failure to reach the server is said as such; an error in a query is the query's. */
function unavailableOr(error: unknown): unknown {
  const code = (error as { code?: string } | undefined)?.code ?? ''
  const message = error instanceof Error ? error.message : String(error)
  const lost =
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03'].includes(code) ||
    code.startsWith('08') ||
    /timeout|Connection terminated|not queryable/i.test(message)
  return lost ? new StoreUnavailable(`The store cannot be reached (${code || message}).`) : error
}
