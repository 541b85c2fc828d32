// The live build's first pool row against the floor (scripts/floor-app: React, MUI and React Query reading the same
// list, nothing else), in one run. Both are served by the production server and read 100 pools from one fake
// SendGrid that answers every call after 100 ms, so a request the dashboard makes before its first read shows as a
// whole extra round trip. First visits (an empty cache) and return visits, alternating between the two, median of 31
// each.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import { MARK_FIRST_ROWS, launchBrowser } from './bench-browser.mjs'
import { median, startServer, waitUntilUp } from './bench-processes.mjs'

/* global window -- for the functions run in the page */

/**
 * At least the 7 asked for. Across runs of one build on a 2-core machine half as fast as the one the budget was set
 * on, the medians of return visits spread from 1.03 to 1.22 of the floor (of 11) and from 1.04 to 1.17 (of 21).
 */
const RUNS = process.env.CI ? 11 : 31 // in CI, where this ratio is reported rather than held to its budget
const FAKE_PORT = 4283
const APP_PORT = 4284
const FLOOR_PORT = 4285
export const UPSTREAM_MS = 100

const FAKE_SENDGRID = `
const pools = JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ name: 'pool-' + String(i).padStart(3, '0') })))
require('node:http').createServer((req, res) => setTimeout(() => {
  const path = req.url.split('?')[0]
  const body = path === '/v3/ips/pools' ? pools : path === '/v3/scopes' ? '{"scopes":[]}' : '[]'
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(body)
}, ${UPSTREAM_MS})).listen(${FAKE_PORT}, '127.0.0.1')`

const VIEWPORT = { viewport: { width: 1280, height: 900 } }

/** Loads `url` and gives the time to its first pool row, as the page itself marked it. */
async function firstRow(page, url) {
  await page.goto(url)
  await page.waitForFunction(() => window.__benchMarks['IP pools'], null, { timeout: 30_000 })
  return page.evaluate(() => window.__benchMarks['IP pools'])
}

/** @param {string} liveDir the dashboard's live build */
export async function measureFirstRow(liveDir) {
  const floorDir = mkdtempSync(join(tmpdir(), 'ip-pools-bench-floor-'))
  await build({
    root: resolve('scripts/floor-app'),
    configFile: false,
    logLevel: 'error',
    plugins: [react()],
    build: { outDir: floorDir, emptyOutDir: true },
  })
  const processes = [
    spawn(process.execPath, ['-e', FAKE_SENDGRID], { stdio: 'ignore' }),
    startServer(liveDir, APP_PORT, `http://127.0.0.1:${FAKE_PORT}`),
    startServer(floorDir, FLOOR_PORT, `http://127.0.0.1:${FAKE_PORT}`),
  ]
  const browser = await launchBrowser()
  try {
    const sites = { app: `http://127.0.0.1:${APP_PORT}`, floor: `http://127.0.0.1:${FLOOR_PORT}` }
    await Promise.all(Object.values(sites).map((base) => waitUntilUp(`${base}/healthz`)))
    // Warm: one page each, its first visit filling the cache, then return visits. Cold: a new browser context for
    // every visit, so nothing is cached (the first visit of a new user).
    const warm = {}
    for (const [name, base] of Object.entries(sites)) {
      warm[name] = await (await browser.newContext(VIEWPORT)).newPage()
      await warm[name].addInitScript(MARK_FIRST_ROWS)
      await firstRow(warm[name], `${base}/pools`)
    }
    const times = { warm: { app: [], floor: [] }, cold: { app: [], floor: [] } }
    for (let i = 0; i < RUNS; i += 1) {
      for (const name of ['app', 'floor']) {
        times.warm[name].push(await firstRow(warm[name], `${sites[name]}/pools`))
        const context = await browser.newContext(VIEWPORT)
        const page = await context.newPage()
        await page.addInitScript(MARK_FIRST_ROWS)
        times.cold[name].push(await firstRow(page, `${sites[name]}/pools`))
        await context.close()
      }
    }
    const summary = (visit) => {
      const appMs = median(times[visit].app)
      const floorMs = median(times[visit].floor)
      return { appMs, floorMs, ratio: appMs / floorMs }
    }
    return { warm: summary('warm'), cold: summary('cold'), runs: RUNS }
  } finally {
    await browser.close()
    for (const child of processes) child.kill('SIGTERM')
    rmSync(floorDir, { recursive: true, force: true })
  }
}
