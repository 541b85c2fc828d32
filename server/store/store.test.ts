/** The store on each engine: migrations, moving in from activity.jsonl, and the sessions every server agrees on. */
import { generateKeyPairSync } from 'node:crypto'
import { appendFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSessionRegistry, CACHE_MS } from '../session-registry.ts'
import { openJournal } from '../journal.ts'
import { ENGINES, createTestStore } from '../testing'
import { copyStore } from './copy.ts'
import { countAllWaiting, keepBatch } from '../delivery/batch-queue.ts'
import { countEvents, readStats } from '../delivery/counts.ts'
import { webhookKeys } from '../delivery/webhook-key.ts'

const PUBLIC_KEY = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  .publicKey.export({ format: 'der', type: 'spki' })
  .toString('base64')
import { JOURNAL_FILE, importJournalFile } from './import-journal.ts'
import { MIGRATIONS_DIR, MigrationError, migrate } from './migrate.ts'
import { openEmbedded, type Store } from './store.ts'

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

describe.each(ENGINES)('the %s store', (engine) => {
  let store: Store
  let dispose: () => Promise<void>
  beforeEach(async () => {
    ;({ store, dispose } = await createTestStore(engine))
  })
  afterEach(() => dispose())

  describe('migrations', () => {
    it('are applied once, in order, and a second start applies nothing', async () => {
      const applied = await store.query<{ version: number; name: string }>(
        'select version, name from schema_migrations order by version',
      )
      expect(applied.map((row) => row.name)).toEqual(
        readdirSync(MIGRATIONS_DIR)
          .filter((f) => f.endsWith('.sql'))
          .sort(),
      )
      expect(await migrate(store)).toEqual([])
    })

    it('race safely when two servers start at once', async () => {
      const results = await Promise.all([migrate(store), migrate(store), migrate(store)])
      expect(results).toEqual([[], [], []])
    })

    it('leave the schema as it was when one fails, and say which', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'migrations-'))
      for (const file of readdirSync(MIGRATIONS_DIR)) {
        await writeFile(
          join(dir, file),
          await import('node:fs/promises').then((fs) => fs.readFile(join(MIGRATIONS_DIR, file))),
        )
      }
      await writeFile(join(dir, '900-good.sql'), 'create table good_one (id int);\n')
      await writeFile(join(dir, '901-broken.sql'), 'create table broken (id int);\n\nselect * from no_such_table;\n')
      await expect(migrate(store, dir)).rejects.toThrow(MigrationError)
      await expect(migrate(store, dir)).rejects.toThrow(/901-broken\.sql/)
      const tables = await store.query<{ name: string }>(
        `select table_name as name from information_schema.tables where table_name in ('good_one', 'broken')`,
      )
      expect(tables).toEqual([])
      const versions = await store.query<{ version: number }>(
        'select version from schema_migrations where version >= 900',
      )
      expect(versions).toEqual([])
    })
  })

  describe('moving in from activity.jsonl', () => {
    function journalFile(lines: string[]) {
      const dir = mkdtempSync(join(tmpdir(), 'data-'))
      writeFileSync(join(dir, JOURNAL_FILE), lines.join('\n') + '\n')
      return dir
    }
    const entry = (n: number, extra: object = {}) =>
      JSON.stringify({
        id: uuid(n),
        time: `2026-11-2${n % 10}T10:00:00.000Z`,
        user: 'Ana@Example.com',
        action: 'create',
        pool: `p${n}`,
        ...extra,
      })

    it('imports whole entries and outcomes, counts torn lines, and renames the file', async () => {
      const dir = journalFile([
        entry(1, { status: 200, ok: true }), // the first version's lines: one per change, outcome included
        entry(2),
        JSON.stringify({ id: uuid(2), outcome: { status: 404, ok: false, message: 'gone' } }),
        entry(3),
        '{"id":"torn","time":"2026-11-26T10',
        'not json at all',
        JSON.stringify({ id: uuid(4) }),
      ])
      const report = await importJournalFile(store, dir)
      expect(report).toMatchObject({ imported: 3, torn: 3 })
      expect(existsSync(join(dir, JOURNAL_FILE))).toBe(false)
      expect(readdirSync(dir)).toEqual([expect.stringMatching(/^activity\.jsonl\.imported-/)])
      const { entries } = await openJournal(store).read({})
      expect(entries.map((e) => [e.pool, e.user, e.status])).toEqual([
        ['p3', 'ana@example.com', undefined],
        ['p2', 'ana@example.com', 404],
        ['p1', 'ana@example.com', 200],
      ])
      expect(await importJournalFile(store, dir)).toBeUndefined() // renamed: not read again
    })

    it('is idempotent by entry id, so a start interrupted half way imports the rest', async () => {
      const dir = journalFile([entry(1), entry(2)])
      await importJournalFile(store, dir)
      const again = journalFile([entry(1), entry(2), entry(5)])
      expect(await importJournalFile(store, again)).toMatchObject({ imported: 1, torn: 0 })
      expect((await openJournal(store).read({})).entries).toHaveLength(3)
    })

    it('reads a large file in batches', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'data-'))
      for (let n = 0; n < 5000; n += 1) appendFileSync(join(dir, JOURNAL_FILE), `${entry(n)}\n`)
      expect(await importJournalFile(store, dir)).toMatchObject({ imported: 5000, torn: 0 })
      const [{ rows }] = await store.query<{ rows: number }>('select count(*)::int as rows from activity')
      expect(rows).toBe(5000)
    })
  })

  describe('sessions', () => {
    const ana = { email: 'ana@example.com', name: 'Ana' }

    it('are live from sign-in until signed out, on every server, within the cache time', async () => {
      let now = Date.now()
      const here = createSessionRegistry(store, () => now)
      const there = createSessionRegistry(store, () => now)
      const id = await here.start(ana, 3600)
      expect(await there.isLive(id)).toBe(true)
      expect(await here.end(id)).toBe(true)
      expect(await here.isLive(id)).toBe(false)
      expect(await there.isLive(id)).toBe(true) // cached
      now += CACHE_MS + 1
      expect(await there.isLive(id)).toBe(false)
      expect(await here.end(id)).toBe(false)
      expect(await there.isLive('no-such-session')).toBe(false)
    })

    it('end all of one person, in any case, and leave the others', async () => {
      const registry = createSessionRegistry(store)
      const [a, b] = [await registry.start(ana, 3600), await registry.start(ana, 3600)]
      const bo = await registry.start({ email: 'bo@example.com' }, 3600)
      expect(await registry.endAllOf('ANA@example.com')).toBe(2)
      const fresh = createSessionRegistry(store)
      expect([await fresh.isLive(a), await fresh.isLive(b), await fresh.isLive(bo)]).toEqual([false, false, true])
      expect((await registry.live()).map((s) => s.email)).toEqual(['bo@example.com'])
    })

    it('list the live ones for admins, and are deleted once expired', async () => {
      const registry = createSessionRegistry(store)
      await registry.start(ana, 3600)
      const short = await registry.start({ email: 'bo@example.com' }, 1)
      expect((await registry.live()).map((s) => s.email).sort()).toEqual(['ana@example.com', 'bo@example.com'])
      await store.query(`update sessions set expires_at = now() - interval '1 second' where id = $1`, [short])
      expect(await registry.sweep()).toBe(1)
      expect(await createSessionRegistry(store).isLive(short)).toBe(false)
      expect(await registry.live()).toEqual([
        {
          id: expect.any(String),
          email: 'ana@example.com',
          name: 'Ana',
          createdAt: expect.any(String),
          expiresAt: expect.any(String),
        },
      ])
    })
  })

  it('counts at once, as servers sharing PostgreSQL do, batches that touch the same rows in other orders: none refused', async () => {
    // Each names the same pools and IPs in its own order.
    const hour = new Date().toISOString().slice(0, 13) + ':00:00.000Z'
    const keys = Array.from({ length: 40 }, (_, n) => n)
    const batch = (b: number) =>
      (b % 2 ? [...keys].reverse() : keys).map((n) => ({
        id: `b${b}-e${n}`,
        kind: 'delivered' as const,
        hour,
        ip: `192.0.2.${n % 20}`,
        provider: (['gmail', 'yahoo', 'microsoft'] as const)[n % 3],
        message: `b${b}-m${n}`,
        pool: `pool-${n % 10}`,
      }))
    const batches = Array.from({ length: 12 }, (_, b) => batch(b))
    const results = await Promise.allSettled(
      batches.map((events) => store.transaction((sql) => countEvents(sql, events))),
    )
    expect(results.filter((result) => result.status === 'rejected')).toEqual([])
    const counted = await Promise.all(keys.slice(0, 10).map((n) => readStats(store, { pool: `pool-${n}` }, '24h')))
    expect(counted.map((stats) => stats.totals.delivered)).toEqual(keys.slice(0, 10).map(() => 4 * 12))
  })
})

describe('the embedded store', () => {
  it('keeps what it was given across a restart in its folder', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'data-')), 'store')
    await mkdir(folder, { recursive: true })
    const first = await openEmbedded(folder)
    await migrate(first)
    await openJournal(first).begin('ana@example.com', { action: 'create', pool: 'kept' })
    await first.close()
    const second = await openEmbedded(folder)
    expect(await migrate(second)).toEqual([])
    expect((await openJournal(second).read({})).entries.map((e) => e.pool)).toEqual(['kept'])
    await second.close()
  })

  it("works on a thread of its own: a long statement does not hold up the server's", async () => {
    const store = await openEmbedded()
    let ticks = 0
    const ticker = setInterval(() => (ticks += 1), 5)
    const [{ n }] = (await store.query('select count(*)::int as n from generate_series(1, 3000000)')) as [{ n: number }]
    clearInterval(ticker)
    expect(n).toBe(3_000_000)
    expect(ticks).toBeGreaterThan(5)
    await store.close()
  })

  it('says it has stopped, rather than never answering, once its thread has ended', async () => {
    const store = await openEmbedded()
    await store.close()
    await expect(store.query('select 1')).rejects.toMatchObject({ name: 'StoreUnavailable' })
    await expect(store.transaction((sql) => sql.query('select 1'))).rejects.toMatchObject({ name: 'StoreUnavailable' })
  })
})

describe.each(ENGINES)('copying the embedded store to a %s store', (engine) => {
  it('copies every journal entry, the live sessions, the delivery counts and the webhook key, and a second run copies nothing twice', async () => {
    const from = await createTestStore('embedded')
    const to = await createTestStore(engine)
    const journal = openJournal(from.store)
    for (let n = 0; n < 12; n += 1) {
      const entry = await journal.begin('ana@example.com', {
        action: 'subuser-ips',
        subuser: `s${n}`,
        ips: ['192.0.2.1'],
      })
      if (n % 2) await journal.complete(entry.id, { status: 200, ok: true })
    }
    const registry = createSessionRegistry(from.store)
    await registry.start({ email: 'ana@example.com', name: 'Ana' }, 3600)
    await registry.end(await registry.start({ email: 'bo@example.com' }, 3600))

    // The delivery side: counts, the webhook's remembered events and message pools, and the connected key.
    const [event] = [
      {
        id: 'ev-1',
        kind: 'processed' as const,
        hour: new Date().toISOString().slice(0, 13) + ':00:00.000Z',
        ip: '',
        provider: 'gmail' as const,
        message: 'm1',
        pool: 'marketing',
      },
    ]
    await from.store.transaction((sql) => countEvents(sql, [event]))
    // A batch the stopped server kept but had not counted yet: counted before the copy, so the target has it.
    await keepBatch(from.store, [{ ...event, id: 'ev-2', kind: 'delivered', pool: undefined }])
    await webhookKeys(from.store, { accountKeyOnServer: true }).save(
      { id: 'wh-1', publicKey: PUBLIC_KEY },
      'ana@example.com',
    )

    // Alerting's settings move too: a rule and a channel with its secret.
    await from.store.query(
      `insert into alert_rules (id, rule, updated_by) values ('rule-1', '{}', 'admin@example.com')`,
    )
    await from.store.query(
      `insert into alert_channels (id, kind, name, settings, secret, updated_by)
       values (gen_random_uuid(), 'slack', 'ops', '{}', '{"url":"https://hooks.slack.com/services/x"}', 'admin')`,
    )
    const kept = {
      delivery_hours: 1,
      webhook_events_seen: 2,
      message_pools: 1,
      message_pending: 0,
      server_settings: 2,
      webhook_batches_set_aside: 0,
      alert_rules: 1,
      alert_incidents: 0,
      alert_outbox: 0,
      alert_channels: 1,
      alert_mutes: 0,
      alert_attempts: 0,
    }
    expect(await copyStore(from.store, to.store, { settle: countAllWaiting })).toEqual({
      activity: 12,
      sessions: 1,
      ...kept,
    })
    expect(await copyStore(from.store, to.store)).toEqual({ activity: 0, sessions: 0, ...kept })
    // Copied twice, counted once: the source's row replaces the target's rather than adding to it.
    expect((await readStats(to.store, { pool: 'marketing' }, '24h')).totals).toMatchObject({
      processed: 1,
      delivered: 1,
    })
    expect(await webhookKeys(to.store, { accountKeyOnServer: true }).describe()).toMatchObject({
      key: 'stored',
      webhookId: 'wh-1',
    })
    // The event counts once in the target too, should SendGrid send it again there.
    expect(await to.store.transaction((sql) => countEvents(sql, [event]))).toBe(0)
    const [source, target] = [await journal.read({ limit: 100 }), await openJournal(to.store).read({ limit: 100 })]
    expect(target).toEqual(source)
    expect((await createSessionRegistry(to.store).live()).map((s) => s.email)).toEqual(['ana@example.com'])
    await Promise.all([from.dispose(), to.dispose()])
  })
})
