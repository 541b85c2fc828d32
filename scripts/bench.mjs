#!/usr/bin/env node
// npm run bench: builds the app and measures it against budgets, printing a table; exits non-zero over budget.
//  - the live build: the JavaScript the first page loads (gzip), and that no MSW code, API key or SendGrid host
//    name is in it;
//  - requests made to read the IP inventory of 25, 1,200 and 5,000 IPs (bench-paging.ts);
//  - the store on each engine: journal pages at 1,000,000 entries, journal writes, moving in, start-up
//    (bench-store.ts);
//  - the production server serving that build under load, and its proxy's added latency (bench-server.mjs);
//  - the demo build in headless Chromium with ?demo=large (100 pools, 5,000 IPs): navigation to the first pool row and
//    to the first IP row, and real keystrokes in the 5,000-row table's search box (bench-browser.mjs).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { RUNS, measureDemo } from './bench-browser.mjs'
import { UPSTREAM_MS, measureFirstRow } from './bench-first-row.mjs'
import { untilIdle } from './bench-processes.mjs'
import { measureServer } from './bench-server.mjs'
import { EVALUATE_SECONDS, measureAlerts } from './bench-alerts.mjs'
import { measureWebhook } from './bench-webhook.mjs'

const BUDGETS = {
  firstPageGzipKb: 160,
  // Users read a page as immediate under about a second; the demo adds 150-400 ms of fake network per request.
  firstPoolRowMs: 1500,
  firstIpRowMs: 2500,
  // A real keystroke in the 5,000-row table's search box, to the frame that shows it: the box within one frame at
  // 60 Hz, the rows within the 100 ms that still reads as instant.
  inputEchoMs: 16,
  filterRowsMs: 100,
  // Confirm-to-close is the change's own request and no more: what the dialog adds on top of it, at either scale.
  dialogOverMs: 100,
  // The live build's first pool row against the bare stack's (React, MUI, React Query and one fetch).
  firstRowRatio: 1.15,
  // The production server on this 2-core machine, sharing it with the load generator and the fake SendGrid:
  // measured at about twice these, so a budget trips on a real regression (say, compressing on every request).
  server: {
    index: { rps: 2000, p99: 100 },
    // The first screen is one script (about 135 KB as brotli): budgeted in bytes sent, not requests.
    asset: { mbps: 30, p99: 400 },
    proxied: { rps: 1000, p99: 150 },
  },
  proxyAddedMs: 2,
  /** What writing the journal entry before forwarding (and its outcome after) adds to a change, at p50. */
  journalAddedP50Ms: 5,
  // The store, on each engine: a page of the journal at 1,000,000 entries as the Activity page asks for it; a
  // change's two journal writes; moving in from a 100,000-line activity.jsonl; the embedded store's start-up.
  store: {
    readP99Ms: 20,
    writeP50Ms: 5,
    writeP99Ms: 25,
    importMs: 30_000,
    // The importing process at its height, store and all. (Once budgeted as +100 MB over the store's own: since the
    // store's own was cut by some 430 MB, the import grows the engine's heap into room it no longer starts with, and
    // the total, which is what a machine must have, is the measure.)
    importPeakMb: 750,
    firstStartMs: 10_000,
    laterStartMs: 3_000,
  },
  // Delivery statistics on each engine: the Event Webhook taking 20,000 events a second (batches of 1,000, for 60 s),
  // answering each batch well inside SendGrid's patience, and counting them all soon after, every count exact and
  // memory flat; a pool page's figures at 90 days of 100 pools and 5,000 IPs.
  delivery: {
    eventsPerSecond: 19_500,
    countedAfterSeconds: 30,
    webhookP99Ms: 100,
    memoryGrowthMb: 50,
    // The whole server's resident memory, embedded store and all: at rest, and at the height of the load.
    idleRssMb: 300,
    loadRssMb: 450,
    poolPageP99Ms: 50,
    // One evaluation of the default alert rules over 100 pools and 5,000 IPs (the alerts issue's scale).
    alertEvaluationMs: 1000,
    // From a crossing batch to the receiver: within the evaluation interval plus 5 s, whenever the batch comes.
    alertNotifiedMs: (EVALUATE_SECONDS + 5) * 1000,
  },
  // The pool layout at the issue's scale (100 pools, 5,000 IPs): a plan reads the account in a few pages and plans
  // in well under the second a person waits for a preview; an apply sends one request a change and no more, and the
  // server's own part of each change (its journal entry and the step's outcome) stays small beside SendGrid's.
  layout: { planMs: 2000, serverPerChangeMs: 15, accountReads: 14 },
  // A small account in one request when SendGrid's Link header says there is no more; the large sample in 2 rounds.
  inventorySmallRequests: 1,
  inventoryLargeRoundTrips: 2,
}

/**
 * What a row's figure is held to. Bytes, counts, round trips and exactness are the same on any machine: held
 * everywhere. A time or rate moves with how busy the machine is: `npm run bench` on a quiet machine holds it to its
 * budget; in CI (a shared, possibly busy machine) it is reported, and fails only when missed by more than half again.
 */
const CI = Boolean(process.env.CI)
const CI_SLACK = 1.5
const exact = (ok) => ({ ok, heldInCi: ok })
const atMost = (value, budget) => ({ ok: value <= budget, heldInCi: value <= budget * CI_SLACK })
const atLeast = (value, budget) => ({ ok: value >= budget, heldInCi: value >= budget / CI_SLACK })
function judge(checks) {
  if (checks.every((check) => check.ok)) return 'ok'
  if (CI && checks.every((check) => check.heldInCi)) return 'over (reported in CI)'
  return 'OVER BUDGET'
}

const PORT = 4273
const MSW_SIGNATURES = ['mockServiceWorker', '[MSW]', 'msw/browser']
// Set for the build: if the key could leak into a bundle, this is what would show.
const CANARY_KEY = 'SG.bench-canary-key-0000000000'
const UPSTREAM_HOSTS = ['api.sendgrid.com', 'api.eu.sendgrid.com']

function build(outDir, args = [], env = {}) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
}

function measureBundle(outDir) {
  build(outDir, [], { SENDGRID_API_KEY: CANARY_KEY, SENDGRID_API_BASE: 'https://api.eu.sendgrid.com' })
  const html = readFileSync(join(outDir, 'index.html'), 'utf8')
  const firstPage = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g),
  ].map((m) => m[1])
  const gzipKb = firstPage.reduce((sum, file) => sum + gzipSync(readFileSync(join(outDir, file))).length, 0) / 1024

  const files = [
    'index.html',
    ...readdirSync(join(outDir, 'assets'))
      .filter((f) => !/\.(gz|br)$/.test(f)) // the same content, compressed
      .map((f) => `assets/${f}`),
  ]
  const containing = (needles) =>
    files.filter((f) => needles.some((needle) => readFileSync(join(outDir, f), 'utf8').includes(needle)))
  const withMsw = containing(MSW_SIGNATURES)
  if (existsSync(join(outDir, 'mockServiceWorker.js'))) withMsw.push('mockServiceWorker.js')
  // The chart library (@mui/x-charts) is loaded only where a chart is shown: never on the first screen.
  const charts = containing(['MuiChartsAxis'])
  const chartsGzipKb = charts.reduce((sum, file) => sum + gzipSync(readFileSync(join(outDir, file))).length, 0) / 1024
  return {
    gzipKb,
    firstPage,
    withMsw,
    withKey: containing([CANARY_KEY]),
    withHost: containing(UPSTREAM_HOSTS),
    charts,
    chartsGzipKb,
    chartsOnFirstPage: charts.filter((file) => firstPage.includes(file)),
    // Chrome compiles these on a background thread only if the hint opens the file (vite.config.ts).
    withoutCompileHint: firstPage.filter(
      (file) => !readFileSync(join(outDir, file), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n'),
    ),
  }
}

// In CI the machine may stay busy throughout (another job, a process hogging a core): a short wait, then measure.
const IDLE_WAIT_MS = CI ? 5_000 : 60_000

/**
 * Each measure starts on an idle machine: taken while the last one's processes wound down (a browser closing,
 * PostgreSQL writing out a million rows), the webhook's answers were three times slower at p50 (35 ms against 10).
 */
async function onIdleMachine(what, measure) {
  const waitedMs = await untilIdle(IDLE_WAIT_MS)
  if (waitedMs >= IDLE_WAIT_MS)
    console.log(`(the machine was still busy after ${IDLE_WAIT_MS / 1000} s; measuring ${what} anyway)`)
  else if (waitedMs > 2_000)
    console.log(`(waited ${(waitedMs / 1000).toFixed(1)} s for an idle machine before ${what})`)
  const began = performance.now()
  const result = await measure()
  console.log(`(${what}: ${((performance.now() - began) / 1000).toFixed(0)} s)`)
  return result
}

// The production server runs from its build, as `npm run serve` runs it.
execFileSync('npm', ['run', '--silent', 'build:server'], { stdio: 'inherit' })
const liveDir = mkdtempSync(join(tmpdir(), 'ip-pools-bench-live-'))
const demoDir = mkdtempSync(join(tmpdir(), 'ip-pools-bench-demo-'))
try {
  const bundle = measureBundle(liveDir)
  // The browser first: the server's load runs would leave it a busier machine.
  build(demoDir, ['--mode', 'demo'])
  if (process.env.CI && !process.env.TEST_DATABASE_URL) throw new Error('CI must set TEST_DATABASE_URL: see .ci/run')
  const timing = await onIdleMachine('the demo in the browser', () => measureDemo(demoDir, PORT))
  const firstRow = await onIdleMachine('the first pool row', () => measureFirstRow(liveDir))
  const webhook = await onIdleMachine('the webhook', () => measureWebhook(liveDir))
  const alerts = await onIdleMachine('alerts', () => measureAlerts(liveDir))
  const server = await onIdleMachine('the server', () => measureServer(liveDir))
  const paging = JSON.parse(execFileSync('npx', ['tsx', 'scripts/bench-paging.ts'], { encoding: 'utf8' }))
  const layout = await onIdleMachine('the layout', () =>
    JSON.parse(execFileSync('npx', ['tsx', 'scripts/bench-layout.ts'], { encoding: 'utf8' })),
  )
  const store = await onIdleMachine('the store', () =>
    JSON.parse(execFileSync('npx', ['tsx', 'scripts/bench-store.ts'], { encoding: 'utf8' })),
  )
  const engines = ['embedded', 'postgres'].filter((engine) => store[engine])
  const ms = (value) => `${Math.round(value)} ms`
  const rows = [
    [
      'first page JS, gzip (live)',
      `${bundle.gzipKb.toFixed(1)} KB`,
      `≤ ${BUDGETS.firstPageGzipKb} KB`,
      [exact(bundle.gzipKb <= BUDGETS.firstPageGzipKb)],
    ],
    ['files with MSW code', String(bundle.withMsw.length), '0', [exact(bundle.withMsw.length === 0)]],
    [
      'first page files without the compile hint',
      String(bundle.withoutCompileHint.length),
      '0',
      [exact(bundle.withoutCompileHint.length === 0)],
    ],
    [
      'chart library on the first page',
      `${bundle.chartsOnFirstPage.length} files (the charts: ${bundle.charts.length} file, ` +
        `${bundle.chartsGzipKb.toFixed(1)} KB gzip, loaded with a Delivery panel)`,
      '0',
      [exact(bundle.charts.length > 0 && bundle.chartsOnFirstPage.length === 0)],
    ],
    ['files with the API key', String(bundle.withKey.length), '0', [exact(bundle.withKey.length === 0)]],
    ['files naming SendGrid', String(bundle.withHost.length), '0', [exact(bundle.withHost.length === 0)]],
    ...['index', 'asset', 'proxied'].map((what) => {
      const measured = server[what]
      const budget = BUDGETS.server[what]
      const [rate, floor] = budget.mbps
        ? [`${measured.mbps.toFixed(0)} MB/s (${Math.round(measured.rps)} req/s)`, `≥ ${budget.mbps} MB/s`]
        : [`${Math.round(measured.rps)} req/s`, `≥ ${budget.rps}`]
      return [
        `server: ${what === 'index' ? 'index.html' : what === 'asset' ? 'hashed asset' : 'proxied call'}`,
        `${rate}, p99 ${measured.p99} ms${measured.failures ? `, ${measured.failures} failed` : ''}`,
        `${floor}, ≤ ${budget.p99} ms`,
        [
          budget.mbps ? atLeast(measured.mbps, budget.mbps) : atLeast(measured.rps, budget.rps),
          atMost(measured.p99, budget.p99),
          exact(measured.failures === 0),
        ],
      ]
    }),
    [
      'proxy added latency, median',
      `${server.addedMs.toFixed(2)} ms`,
      `≤ ${BUDGETS.proxyAddedMs} ms`,
      [atMost(server.addedMs, BUDGETS.proxyAddedMs)],
    ],
    [
      'proxied change: journal added, p50',
      `${server.journal.addedP50.toFixed(2)} ms (change p50 ${server.journal.withP50.toFixed(2)} / p99 ` +
        `${server.journal.withP99.toFixed(2)} ms; unjournalled read p50 ${server.journal.withoutP50.toFixed(2)} / ` +
        `p99 ${server.journal.withoutP99.toFixed(2)} ms)`,
      `≤ ${BUDGETS.journalAddedP50Ms} ms`,
      [atMost(server.journal.addedP50, BUDGETS.journalAddedP50Ms)],
    ],
    ...[25, 1200, 5000].map((total) => {
      const sendGrid = paging[`sendgrid-${total}`]
      const capped = paging[`capped200-${total}`]
      const budget =
        total === 25
          ? [
              `≤ ${BUDGETS.inventorySmallRequests} request`,
              [exact(sendGrid.requests <= BUDGETS.inventorySmallRequests)],
            ]
          : total === 5000
            ? [
                `≤ ${BUDGETS.inventoryLargeRoundTrips} rounds`,
                [exact(sendGrid.roundTrips <= BUDGETS.inventoryLargeRoundTrips)],
              ]
            : ['(reported)', []]
      return [
        `inventory of ${total} IPs`,
        `${sendGrid.requests} req/${sendGrid.roundTrips} rounds; capped ${capped.requests}/${capped.roundTrips}`,
        ...budget,
      ]
    }),
    ...engines.flatMap((engine) => {
      const { read, write } = store[engine]
      const budget = BUDGETS.store
      return [
        [
          `journal page at ${store.entries / 1e6}M entries (${engine}), p50/p99`,
          `${read.p50.toFixed(2)} / ${read.p99.toFixed(2)} ms`,
          `p99 ≤ ${budget.readP99Ms} ms`,
          [atMost(read.p99, budget.readP99Ms)],
        ],
        [
          `journal write of a change (${engine}), p50/p99`,
          `${write.p50.toFixed(2)} / ${write.p99.toFixed(2)} ms`,
          `≤ ${budget.writeP50Ms} / ${budget.writeP99Ms} ms`,
          [atMost(write.p50, budget.writeP50Ms), atMost(write.p99, budget.writeP99Ms)],
        ],
      ]
    }),
    ...engines.flatMap((engine) => {
      const ingest = webhook[engine]
      const { poolPage, ipPage, poolList, ipList, alertEvaluation } = store[engine].stats
      const budget = BUDGETS.delivery
      const growth = ingest.rssEndMb - ingest.rssAt10sMb
      return [
        [
          `webhook ingestion (${engine}), events/s`,
          `${Math.round(ingest.eventsPerSecond)} for ${Math.round(ingest.seconds)} s, ${ingest.batches} batches ` +
            `(1 in 20 sent twice), ${ingest.failed} failed, ${ingest.mismatches.length} counts off`,
          `≥ ${budget.eventsPerSecond}, all exact`,
          [
            atLeast(ingest.eventsPerSecond, budget.eventsPerSecond),
            exact(ingest.failed === 0 && ingest.mismatches.length === 0),
          ],
        ],
        [
          `webhook events counted (${engine}), the last`,
          `${ingest.countedAfterSeconds.toFixed(1)} s after the last answer (${Math.round(ingest.countedPerSecond)} events/s over the run)`,
          `≤ ${budget.countedAfterSeconds} s`,
          [atMost(ingest.countedAfterSeconds, budget.countedAfterSeconds)],
        ],
        [
          `webhook batch answered (${engine}), p50/p99`,
          `${ingest.p50.toFixed(1)} / ${ingest.p99.toFixed(1)} ms`,
          `p99 ≤ ${budget.webhookP99Ms} ms`,
          [atMost(ingest.p99, budget.webhookP99Ms)],
        ],
        [
          `server memory at rest / under load (${engine})`,
          `${Math.round(ingest.rssIdleMb)} MB after its first start / ${Math.round(ingest.rssPeakMb)} MB at most`,
          `≤ ${budget.idleRssMb} / ${budget.loadRssMb} MB`,
          [exact(ingest.rssIdleMb <= budget.idleRssMb && ingest.rssPeakMb <= budget.loadRssMb)],
        ],
        [
          `server memory during ingestion (${engine})`,
          `${Math.round(ingest.rssAt10sMb)} MB at 10 s, ${Math.round(ingest.rssEndMb)} MB at the end`,
          `≤ +${budget.memoryGrowthMb} MB`,
          [exact(growth <= budget.memoryGrowthMb)],
        ],
        [
          `a pool page's figures at ${store.statsDays} days (${engine}), p50/p99`,
          `${poolPage.p50.toFixed(1)} / ${poolPage.p99.toFixed(1)} ms (IP page p99 ${ipPage.p99.toFixed(1)}, ` +
            `pool list ${poolList.p99.toFixed(0)}, IP list ${ipList.p99.toFixed(0)} ms)`,
          `p99 ≤ ${budget.poolPageP99Ms} ms`,
          [atMost(poolPage.p99, budget.poolPageP99Ms)],
        ],
        [
          `one alert evaluation, default rules, 100 pools and 5,000 IPs at ${store.statsDays} days (${engine}), p50/max`,
          `${alertEvaluation.p50.toFixed(0)} / ${alertEvaluation.p99.toFixed(0)} ms`,
          `≤ ${budget.alertEvaluationMs} ms`,
          [atMost(alertEvaluation.p99, budget.alertEvaluationMs)],
        ],
        [
          `crossing batch to the alert at a receiver (${engine}), each of ${alerts[engine].times.length}`,
          `${alerts[engine].times.map((time) => ms(time)).join(', ')} (rules evaluated every ${EVALUATE_SECONDS} s)`,
          `≤ ${budget.alertNotifiedMs / 1000} s`,
          [
            exact(alerts[engine].notifications === alerts[engine].times.length),
            atMost(Math.max(...alerts[engine].times), budget.alertNotifiedMs),
          ],
        ],
      ]
    }),
    [
      `layout plan: ${layout.pools} pools, ${layout.ips.toLocaleString('en-US')} IPs`,
      `${ms(layout.planMs)}, ${layout.planReads} reads of SendGrid`,
      `≤ ${BUDGETS.layout.planMs} ms, ≤ ${BUDGETS.layout.accountReads} reads`,
      [atMost(layout.planMs, BUDGETS.layout.planMs), exact(layout.planReads <= BUDGETS.layout.accountReads)],
    ],
    [
      `layout apply: ${layout.changes.toLocaleString('en-US')} changes (${Object.entries(layout.kinds)
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ')})`,
      `${layout.applyWrites} change requests, ${layout.applyReads} reads, ${layout.applyStatus}, ` +
        `${layout.leftAfter} left after; ${ms(layout.applyMs)} in all, server ${layout.serverPerChangeMs.toFixed(1)} ms a change`,
      `1 request a change, ≤ ${BUDGETS.layout.serverPerChangeMs} ms a change`,
      [
        exact(
          layout.applyWrites === layout.changes &&
            layout.applyStatus === 'done' &&
            layout.leftAfter === 0 &&
            layout.applyReads <= BUDGETS.layout.accountReads,
        ),
        atMost(layout.serverPerChangeMs, BUDGETS.layout.serverPerChangeMs),
      ],
    ],
    [
      'import of 100,000 journal lines',
      `${ms(store.import.ms)}, peak ${Math.round(store.import.peakRssMb)} MB (store alone ${Math.round(store.import.baseRssMb)} MB)`,
      `≤ ${BUDGETS.store.importMs} ms, ≤ ${BUDGETS.store.importPeakMb} MB`,
      [
        exact(store.import.imported === 100_000),
        atMost(store.import.ms, BUDGETS.store.importMs),
        exact(store.import.peakRssMb <= BUDGETS.store.importPeakMb),
      ],
    ],
    [
      'embedded store start-up, first / later',
      `${ms(store.startUp.firstMs)} / ${ms(store.startUp.laterMs)}`,
      `≤ ${BUDGETS.store.firstStartMs} / ${BUDGETS.store.laterStartMs} ms`,
      [
        atMost(store.startUp.firstMs, BUDGETS.store.firstStartMs),
        atMost(store.startUp.laterMs, BUDGETS.store.laterStartMs),
      ],
    ],
    [
      'to first pool row (large)',
      ms(timing.firstPoolRowMs),
      `≤ ${BUDGETS.firstPoolRowMs} ms`,
      [atMost(timing.firstPoolRowMs, BUDGETS.firstPoolRowMs)],
    ],
    [
      'to first IP row (large)',
      ms(timing.firstIpRowMs),
      `≤ ${BUDGETS.firstIpRowMs} ms`,
      [atMost(timing.firstIpRowMs, BUDGETS.firstIpRowMs)],
    ],
    ...['remove', 'rename'].flatMap((change) =>
      ['small', 'large'].map((scale) => {
        const { closeMs, overMs } = timing.dialogs[scale][change]
        return [
          `${change === 'remove' ? 'Remove IP' : 'Rename'}: confirm to close, ${scale}`,
          `${ms(closeMs)} (request + ${ms(overMs)})`,
          `request + ≤ ${BUDGETS.dialogOverMs} ms`,
          [atMost(overMs, BUDGETS.dialogOverMs)],
        ]
      }),
    ),
    ...['cold', 'warm'].map((visit) => {
      const { appMs, floorMs, ratio } = firstRow[visit]
      // First visits are reported, not yet held to the budget: the app's start-up work on an empty cache is still
      // well over the floor's (see docs/budgets.md).
      const held = visit === 'warm'
      return [
        `first pool row / floor, ${visit === 'cold' ? 'first visit' : 'return visit'}`,
        `${ms(appMs)} / ${ms(floorMs)} = ${ratio.toFixed(2)}`,
        held ? `≤ ${BUDGETS.firstRowRatio}` : `(reported; aim ≤ ${BUDGETS.firstRowRatio})`,
        held ? [atMost(ratio, BUDGETS.firstRowRatio)] : [],
      ]
    }),
    [
      'keystroke: input echo',
      `${ms(timing.echoMs)} (max ${ms(timing.slowestEchoMs)})`,
      `≤ ${BUDGETS.inputEchoMs} ms`,
      [atMost(timing.echoMs, BUDGETS.inputEchoMs)],
    ],
    [
      'keystroke: rows updated',
      `${ms(timing.rowsMs)} (max ${ms(timing.slowestRowsMs)})`,
      `≤ ${BUDGETS.filterRowsMs} ms`,
      [atMost(timing.rowsMs, BUDGETS.filterRowsMs)],
    ],
  ]
  console.log(`\nFirst page files (live build): ${bundle.firstPage.join(', ')}`)
  console.log(
    `Server: 50 connections for 10 s each (${server.asset.path} for the asset); added latency: median of 1,000 ` +
      `requests through the proxy (${server.viaProxyMs.toFixed(2)} ms) against the fake directly ` +
      `(${server.directMs.toFixed(2)} ms).`,
  )
  console.log(
    'Inventory: requests and rounds of requests to read every IP, from SendGrid (Link headers, pages as large as ' +
      'asked) and from a server capping pages at 200 with no Link header ("capped").',
  )
  console.log(
    `Timings: median of ${RUNS} return visits; keystrokes: median of ${timing.keystrokes}, typed on the 5,000-row ` +
      `table; dialogs: median of ${timing.removes} removes and ${timing.renames} renames, each from ` +
      'a quiet page, on the sample account (small) and ?demo=large, the demo faking 150-400 ms of network per request.',
  )
  console.log(
    `First pool row: the live build and the floor app (scripts/floor-app) behind the production server, one fake ` +
      `SendGrid answering in ${UPSTREAM_MS} ms, 100 pools; median of ${firstRow.runs} alternating visits each, first (an empty cache) and return.\n`,
  )
  console.log(`  ${'measure'.padEnd(36)} ${'value'.padEnd(30)} ${'budget'.padEnd(18)} result`)
  let failed = false
  for (const [name, value, budget, checks] of rows) {
    const verdict = judge(checks)
    failed ||= verdict === 'OVER BUDGET'
    console.log(`  ${name.padEnd(36)} ${value.padEnd(30)} ${budget.padEnd(18)} ${verdict}`)
  }
  for (const [what, found] of [
    ['MSW', bundle.withMsw],
    ['the API key', bundle.withKey],
    ["SendGrid's host", bundle.withHost],
  ]) {
    if (found.length) console.log(`  ${what} found in: ${found.join(', ')}`)
  }
  if (CI) console.log(`\n(CI: a time figure fails only when it misses its budget by more than half again.)`)
  if (failed) process.exitCode = 1
} finally {
  rmSync(liveDir, { recursive: true, force: true })
  rmSync(demoDir, { recursive: true, force: true })
}
