// The store, for npm run bench (printed as JSON): on each engine (embedded always; PostgreSQL where
// TEST_DATABASE_URL names a server, as in CI), a page of the activity journal read at 1,000,000 entries (p50/p99
// over every filter, at the top and deep in by keyset), and a change's journal write (its entry, then its outcome);
// the embedded store's start-up, first and later; and the import of a 100,000-line activity.jsonl, in a process of
// its own so its peak memory is its own.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readRules } from '../server/alerts/readings'
import { recordEvaluation } from '../server/alerts/store'
import { readStats, readSummaries } from '../server/delivery/counts'
import { DEFAULT_RULES } from '../src/shared/alerts'
import { openJournal } from '../server/journal'
import { importJournalFile } from '../server/store/import-journal'
import { migrate } from '../server/store/migrate'
import { openEmbedded, openPostgres, type Store } from '../server/store/store'

// In CI (a shared machine, where these times are reported rather than held) a smaller store: writing a million
// journal entries and 90 days of figures on each engine took most of CI's time.
const CI = Boolean(process.env.CI)
const ENTRIES = CI ? 100_000 : 1_000_000
const IMPORT_LINES = 100_000

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!
const summary = (values: number[]) => ({ p50: percentile(values, 0.5), p99: percentile(values, 0.99) })

async function timed(run: () => Promise<unknown>) {
  const start = performance.now()
  await run()
  return performance.now() - start
}

/** A journal of `ENTRIES` changes by 50 people on 100 pools, one a second back from now, written by the database. */
async function seed(store: Store) {
  const chunk = 100_000 // each insert well within the store's query timeout
  for (let from = 1; from <= ENTRIES; from += chunk) {
    await store.query(`insert into activity (id, time, user_email, action, pool, ip, status, ok)
      select gen_random_uuid(), now() - n * interval '1 second', 'user' || (n % 50) || '@example.com',
             case when n % 3 = 0 then 'add-ip' else 'create' end, 'pool-' || (n % 100), '192.0.2.' || (n % 250), 200, true
      from generate_series(${from}, ${from + chunk - 1}) as n`)
  }
  await store.query('analyze activity')
}

async function measureEngine(store: Store) {
  const seedMs = await timed(() => seed(store))
  const journal = openJournal(store)
  const deep = (
    await store.query<{ time: Date; id: string }>(
      `select time, id from activity order by time desc, id desc offset ${ENTRIES / 2} limit 1`,
    )
  )[0]!
  const deepCursor = `${new Date(deep.time).toISOString()}|${deep.id}`
  const queries = [
    {},
    { pool: 'pool-42' },
    { user: 'User7@example.com' },
    { pool: 'pool-42', user: 'user42@example.com' },
    { before: deepCursor },
    { pool: 'pool-13', before: deepCursor },
  ]
  for (const query of queries) await journal.read({ ...query, limit: 50 }) // warm
  const reads: number[] = []
  for (let round = 0; round < 100; round += 1)
    for (const query of queries) reads.push(await timed(() => journal.read({ ...query, limit: 50 })))
  const writes: number[] = []
  for (let i = 0; i < 300; i += 1) {
    writes.push(
      await timed(async () => {
        const entry = await journal.begin('bench@example.com', { action: 'create', pool: `bench-${i}` })
        await journal.complete(entry.id, { status: 200, ok: true })
      }),
    )
  }
  return { seedMs, read: summary(reads), write: summary(writes), stats: await measureStats(store) }
}

const STATS_POOLS = 100
const STATS_IPS = 5_000
const STATS_DAYS = CI ? 30 : 90
const PROVIDERS = "array['gmail','microsoft','yahoo','apple','other']"

/**
 * Delivery counts as 90 days of the Event Webhook leave them: every hour of every pool at every provider (1,080,000
 * rows, what a pool's page reads) and, sparser, a row a day for each of 5,000 IPs (450,000; hourly at every provider
 * would be 54,000,000 rows, more than this machine's bench can write).
 */
async function seedStats(store: Store) {
  const columns = 'processed, delivered, deferred, bounce, blocked, dropped, spamreport, open, click'
  for (let day = 0; day < STATS_DAYS; day += 10) {
    await store.query(`insert into delivery_hours (scope, key, hour, provider, ${columns})
      select 'pool', 'pool-' || p, date_trunc('hour', now()) - h * interval '1 hour', provider,
             400, 380, 20 + (h % 7), 6, 3, 1, (h % 50 = 0)::int, 80, 9
      from generate_series(0, ${STATS_POOLS - 1}) p, generate_series(${day * 24}, ${(day + 10) * 24 - 1}) h,
           unnest(${PROVIDERS}) provider`)
  }
  await store.query(`insert into delivery_hours (scope, key, hour, provider, ${columns})
    select 'ip', '10.0.' || (i / 250) || '.' || (i % 250), date_trunc('day', now()) - d * interval '1 day', 'gmail',
           900, 850, 40, 8, 2, 0, 0, 0, 0
    from generate_series(0, ${STATS_IPS - 1}) i, generate_series(0, ${STATS_DAYS - 1}) d`)
  await store.query('analyze delivery_hours')
}

async function measureStats(store: Store) {
  const seedMs = await timed(() => seedStats(store))
  const rounds = 40
  const page: number[] = []
  const ip: number[] = []
  const poolList: number[] = []
  const ipList: number[] = []
  for (let round = 0; round < rounds; round += 1) {
    // What a pool's page asks for: its figures over one of the three ranges.
    for (const range of ['24h', '7d', '30d'] as const)
      page.push(await timed(() => readStats(store, { pool: `pool-${(round * 7) % STATS_POOLS}` }, range)))
    ip.push(await timed(() => readStats(store, { ip: `10.0.${round % 20}.${round}` }, '30d')))
    poolList.push(await timed(() => readSummaries(store, 'pool', '7d')))
    if (round < 10) ipList.push(await timed(() => readSummaries(store, 'ip', '7d')))
  }
  // One evaluation of the default alert rules over every pool and IP: read, judged, incidents kept.
  const evaluation: number[] = []
  for (let round = 0; round < 11; round += 1)
    evaluation.push(await timed(async () => recordEvaluation(store, await readRules(store, DEFAULT_RULES), Date.now())))
  return {
    seedMs,
    poolPage: summary(page.slice(3)),
    ipPage: summary(ip.slice(1)),
    poolList: summary(poolList.slice(1)),
    ipList: summary(ipList.slice(1)),
    alertEvaluation: summary(evaluation.slice(1)),
  }
}

async function startUp() {
  const folder = join(mkdtempSync(join(tmpdir(), 'ip-pools-bench-store-')), 'store')
  const open = async () => {
    const start = performance.now()
    const store = await openEmbedded(folder)
    await migrate(store)
    const ms = performance.now() - start
    await store.close()
    return ms
  }
  return { firstMs: await open(), laterMs: await open() }
}

/** Runs in a child process (argv: --import DIR): imports DIR/activity.jsonl and prints time and peak memory. */
async function importChild(dir: string) {
  const store = await openEmbedded()
  await migrate(store)
  const baseRssMb = process.memoryUsage().rss / 2 ** 20
  const start = performance.now()
  const report = await importJournalFile(store, dir)
  const ms = performance.now() - start
  await store.close()
  console.log(
    JSON.stringify({ ms, imported: report?.imported, baseRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 }),
  )
}

async function measureImport() {
  const dir = mkdtempSync(join(tmpdir(), 'ip-pools-bench-import-'))
  const lines: string[] = []
  for (let n = 0; n < IMPORT_LINES; n += 1) {
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
    lines.push(
      JSON.stringify({
        id,
        time: new Date(1_780_000_000_000 + n * 1000).toISOString(),
        user: `user${n % 50}@example.com`,
        action: 'create',
        pool: `pool-${n % 100}`,
        status: 200,
        ok: true,
      }),
    )
  }
  writeFileSync(join(dir, 'activity.jsonl'), lines.join('\n') + '\n')
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench-store.ts', '--import', dir], {
    encoding: 'utf8',
  })
  return JSON.parse(output.trim().split('\n').at(-1)!)
}

if (process.argv[2] === '--import') {
  await importChild(process.argv[3]!)
} else {
  const results: Record<string, unknown> = {
    entries: ENTRIES,
    statsDays: STATS_DAYS,
    startUp: await startUp(),
    import: await measureImport(),
  }
  const embedded = await openEmbedded()
  await migrate(embedded)
  results.embedded = await measureEngine(embedded)
  await embedded.close()
  if (process.env.TEST_DATABASE_URL) {
    const admin = await openPostgres(process.env.TEST_DATABASE_URL)
    await admin.query('drop database if exists bench_store with (force)')
    await admin.query('create database bench_store')
    const url = Object.assign(new URL(process.env.TEST_DATABASE_URL), { pathname: '/bench_store' }).href
    const postgres = await openPostgres(url)
    await migrate(postgres)
    results.postgres = await measureEngine(postgres)
    await postgres.close()
    await admin.query('drop database bench_store with (force)')
    await admin.close()
  }
  console.log(JSON.stringify(results))
}
