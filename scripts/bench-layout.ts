// The pool layout, for npm run bench: a plan and an apply of a layout of 100 pools and 5,000 IPs through the
// production server (in this process, embedded store in memory) against a fake SendGrid of that size, with the
// requests each sends. Prints JSON.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { startFakeAccount } from '../e2e/servers/fake-account.ts'
import { largeSeedState } from '../src/mocks/seed.ts'
import type { ApplyView, PlanView } from '../src/shared/layout-api.ts'
import type { LayoutFile } from '../src/shared/layout-file.ts'
import { buildServer } from '../server/app.ts'
import { openEmbedded } from '../server/store/store.ts'

const dist = mkdtempSync(join(tmpdir(), 'dist-'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>')

const fake = await startFakeAccount({ seed: largeSeedState })
const store = await openEmbedded()
const app = await buildServer({
  distDir: dist,
  dataDir: mkdtempSync(join(tmpdir(), 'data-')),
  apiKey: 'SG.bench',
  upstream: fake.url,
  store,
  logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
})
await app.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api`
const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const answer = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`)
  return (await answer.json()) as T
}

/** Reads of the account: each GET of a list the engine reads. */
const reads = () => fake.seen.filter((request) => request.method === 'GET').length

// The layout: every IP in exactly one pool (one in two leaves its second; one in none joins the first pool) and the
// last 10 pools renamed: over a thousand changes of three kinds, in a layout of 100 pools and 5,000 IPs.
const exported = await call<LayoutFile>('GET', '/layout?context=true')
const everyIp = Object.keys(exported.context?.ips ?? {})
const claimed = new Set<string>()
const pools = exported.pools.map((pool, index) => {
  const ips = pool.ips.filter((ip) => !claimed.has(ip))
  for (const ip of ips) claimed.add(ip)
  const renamed = index >= exported.pools.length - 10
  return { name: renamed ? `${pool.name}-next` : pool.name, ips, ...(renamed ? { renamedFrom: pool.name } : {}) }
})
pools[0]!.ips.push(...everyIp.filter((ip) => !claimed.has(ip)))
const layout: LayoutFile = { version: 1, pools }
const ipCount = new Set(pools.flatMap((pool) => pool.ips)).size

let readsBefore = reads()
let started = performance.now()
const { plan } = await call<PlanView>('POST', '/layout/plan', { layout })
const planMs = performance.now() - started
const planReads = reads() - readsBefore

readsBefore = reads()
const writesBefore = fake.changes().length
const fakeBefore = fake.busyMs()
started = performance.now()
let view = await call<ApplyView>('POST', '/layout/applies', { layout, basedOn: plan.basedOn })
while (view.status === 'running') {
  await new Promise((done) => setTimeout(done, 200))
  view = await call<ApplyView>('GET', `/layout/applies/${view.id}`)
}
const applyMs = performance.now() - started
const fakeMs = fake.busyMs() - fakeBefore
const writes = fake.changes().length - writesBefore
const applyReads = reads() - readsBefore
const after = await call<PlanView>('POST', '/layout/plan', { layout })

const count = (kind: string) => plan.steps.filter((step) => step.kind === kind).length
process.stdout.write(
  JSON.stringify({
    pools: layout.pools.length,
    ips: ipCount,
    changes: plan.steps.length,
    kinds: { rename: count('rename'), add: count('add'), remove: count('remove') },
    planMs,
    planReads,
    applyMs,
    // What the server adds to each change: the apply's time less the fake SendGrid's own, per change.
    serverPerChangeMs: (applyMs - fakeMs) / plan.steps.length,
    applyStatus: view.status,
    applyWrites: writes,
    applyReads,
    leftAfter: after.plan.steps.length,
  }),
)
await app.close()
await store.close()
fake.server.close()
