/**
 * Where the server keeps what it knows, in PostgreSQL's dialect on either of two engines: an embedded PostgreSQL
 * (PGlite, Postgres compiled to WebAssembly) persisted under DATA_DIR by default, so one command still runs the
 * dashboard; or a PostgreSQL server through a pool (`pg`) when DATABASE_URL is set, for several servers at once.
 * The same migrations and queries run on both; nothing above this file knows which engine it has.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { EmbeddedReply, EmbeddedRequest } from './embedded-worker.ts'

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

/** How long a statement on a PostgreSQL server may take, on the client's side and on the database's. */
const QUERY_TIMEOUT_MS = 10_000

export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable'
}

export interface StoreOptions {
  /** postgres://… : a PostgreSQL server. Without it, the embedded engine in `dataDir`. */
  databaseUrl?: string
  dataDir: string
  /** Told when a new embedded store is being prepared (a first start takes some seconds). */
  onPrepare?: (folder: string) => void
}

export async function openStore({ databaseUrl, dataDir, onPrepare }: StoreOptions): Promise<Store> {
  return databaseUrl ? openPostgres(databaseUrl) : openEmbedded(join(dataDir, 'store'), onPrepare)
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new StoreUnavailable(`The store did not answer within ${timeoutMs} ms.`)), timeoutMs)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * The embedded engine, in `folder`, or in memory without one (tests), on a thread of its own (embedded-worker.ts):
 * its statements then neither hold up the server's requests nor share their core.
 */
export async function openEmbedded(folder?: string, onPrepare?: (folder: string) => void): Promise<Store> {
  if (folder) await mkdir(folder, { recursive: true })
  const unlock = folder ? await lockFolder(folder) : async () => {}
  if (folder && !existsSync(join(folder, 'PG_VERSION'))) {
    onPrepare?.(folder)
    await prepareFolder(folder).catch(async (error: unknown) => {
      await unlock()
      throw error
    })
  }
  const worker = startWorker(new URL('./embedded-worker.js', import.meta.url), { folder })
  const waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>()
  let lastId = 0
  let stopped: StoreUnavailable | undefined
  worker.on('message', ({ id, rows, error }: EmbeddedReply) => {
    const caller = waiting.get(id)
    waiting.delete(id)
    if (error) caller?.reject(Object.assign(new Error(error.message), { code: error.code }))
    else caller?.resolve(rows ?? [])
  })
  const stop = (reason: string) => {
    stopped ??= new StoreUnavailable(`The embedded store stopped: ${reason}.`)
    for (const caller of waiting.values()) caller.reject(stopped)
    waiting.clear()
  }
  worker.on('error', (error) => stop(error.message))
  worker.on('exit', (code) => stop(`its thread exited (${code})`))
  const send = (request: DistributiveOmit<EmbeddedRequest, 'id'>, id = ++lastId) =>
    new Promise<unknown[]>((resolve, reject) => {
      if (stopped) return reject(stopped)
      waiting.set(id, { resolve, reject })
      worker.postMessage({ ...request, id })
    })
  // The thread answers 0 once its PGlite is open.
  await new Promise<unknown[]>((resolve, reject) => waiting.set(0, { resolve, reject })).catch(async (error) => {
    await worker.terminate()
    await unlock()
    throw error
  })
  const sqlOf = (tx?: number): Sql => ({
    query: async <Row>(text: string, params: unknown[] = []) =>
      (await send({ op: 'query', text, params, ...(tx === undefined ? {} : { tx }) })) as Row[],
  })
  return {
    engine: 'embedded',
    ...sqlOf(),
    async transaction(work) {
      const tx = ++lastId
      await send({ op: 'begin' }, tx)
      let result
      try {
        result = await work(sqlOf(tx))
      } catch (error) {
        await send({ op: 'end', tx, commit: false }).catch(() => {})
        throw error
      }
      await send({ op: 'end', tx, commit: true })
      return result
    },
    ping: async (timeoutMs = 2000) =>
      void (await withTimeout(send({ op: 'query', text: 'select 1', params: [] }), timeoutMs)),
    close: async () => {
      if (!stopped) await send({ op: 'close' })
      await worker.terminate()
      await unlock()
    },
  }
}

/** A new store's files, made in a process of its own (embedded-prepare.ts), which gives its memory back as it ends. */
async function prepareFolder(folder: string): Promise<void> {
  const script = new URL('./embedded-prepare.js', import.meta.url)
  const args = import.meta.url.endsWith('.ts')
    ? ['--import', 'tsx', fileURLToPath(script.href.replace(/\.js$/, '.ts'))]
    : [fileURLToPath(script)]
  const child = spawn(process.execPath, [...args, folder], { stdio: ['ignore', 'ignore', 'pipe'] })
  let said = ''
  child.stderr.on('data', (chunk) => (said += chunk))
  const code = await new Promise<number | null>((done) => child.on('exit', done))
  if (code !== 0) throw new StoreUnavailable(`The embedded store in ${folder} could not be created: ${said.trim()}`)
}

/**
 * A worker thread running `file`; its TypeScript source where this module itself runs from source (tests, scripts),
 * through the same loader (tsx), which a worker does not inherit.
 */
function startWorker(file: URL, workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(file, { workerData })
  const source = file.href.replace(/\.js$/, '.ts')
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}) })`
  return new Worker(boot, { eval: true, workerData })
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

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
    query_timeout: QUERY_TIMEOUT_MS,
    // The database keeps the same limit, so a statement the client gave up on is not carried out long after.
    statement_timeout: QUERY_TIMEOUT_MS,
    idle_in_transaction_session_timeout: QUERY_TIMEOUT_MS,
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
