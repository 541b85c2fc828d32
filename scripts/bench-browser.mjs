// The demo build in headless Chromium with ?demo=large (100 pools, 5,000 IPs): navigation to the first pool row and
// to the first IP row, and real keystrokes in the 5,000-row table's search box (when each shows in the box, and when
// the rows follow).
import { spawn } from 'node:child_process'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs'

/* global window, document, MutationObserver, requestAnimationFrame -- for the functions run in the page */

export const RUNS = 5
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Records, from the page itself, when the first row of a table appears: no polling delay in the figure. */
export const MARK_FIRST_ROWS = () => {
  const marks = (window.__benchMarks = {})
  const watch = () => {
    for (const label of ['IP pools', 'IP addresses']) {
      if (
        !marks[label] &&
        document.querySelector(`table[aria-label="${label}"] tbody tr td a, table[aria-label="${label}"] tbody tr td`)
      ) {
        marks[label] = performance.now()
      }
    }
  }
  new MutationObserver(watch).observe(document, { childList: true, subtree: true })
}

/**
 * Arms the search box for the next real keystroke. From the key's own time stamp, it records the frame in which the
 * box shows the new text (echo) and the frame after the table's rows change (rows). A frame is measured at its
 * requestAnimationFrame callback, which runs only once the main thread is free to paint.
 */
const ARM_KEYSTROKE = (expected) => {
  const input = document.querySelector('input[type="search"]')
  const body = document.querySelector('table[aria-label="IP addresses"] tbody')
  const before = body.textContent
  window.__keystroke = new Promise((done) => {
    let start
    const figures = {}
    const record = (name) => {
      figures[name] = performance.now() - start
      if ('echoMs' in figures && 'rowsMs' in figures) done(figures)
    }
    input.addEventListener(
      'keydown',
      (event) => {
        start = event.timeStamp
        const nextFrame = () => requestAnimationFrame(() => (input.value === expected ? record('echoMs') : nextFrame()))
        nextFrame()
      },
      { once: true },
    )
    const observer = new MutationObserver(() => {
      if (body.textContent === before) return
      observer.disconnect()
      requestAnimationFrame(() => record('rowsMs'))
    })
    observer.observe(body, { childList: true, subtree: true, characterData: true })
  })
}

// From ?q=o4, each key changes the first page of rows (reverse DNS names o1 … o5000 follow the address order).
const KEYS = [
  ['2', 'o42'],
  ['1', 'o421'],
  ['9', 'o4219'],
  ['Backspace', 'o421'],
  ['Backspace', 'o42'],
  ['Backspace', 'o4'],
  ['7', 'o47'],
  ['7', 'o477'],
  ['7', 'o4777'],
  ['Backspace', 'o477'],
  ['Backspace', 'o47'],
  ['Backspace', 'o4'],
]

export async function waitUntilUp(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return
    await new Promise((done) => setTimeout(done, 200))
  }
  throw new Error(`the preview server did not answer at ${url}`)
}

/** Serves a built directory with Vite's preview server until `use` is done. */
export async function withPreview(outDir, port, mode, use) {
  const server = spawn(
    'npx',
    ['vite', 'preview', '--mode', mode, '--outDir', outDir, '--port', String(port), '--strictPort'],
    { stdio: 'ignore', detached: true },
  )
  try {
    const base = `http://localhost:${port}`
    await waitUntilUp(base)
    return await use(base)
  } finally {
    process.kill(-server.pid, 'SIGTERM')
  }
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS })
}

/** Timings in the demo build (already built in outDir) with the large sample. */
export async function measureDemo(outDir, port) {
  return withPreview(outDir, port, 'demo', async (base) => {
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      await page.addInitScript(MARK_FIRST_ROWS)
      // Seed the large account and install the demo's service worker once; the runs below are return visits.
      await page.goto(`${base}/pools?demo=large`)
      await page.getByText('100 of 100 pools').waitFor({ timeout: 60_000 })

      const firstRow = async (path, label) => {
        const times = []
        for (let i = 0; i < RUNS; i += 1) {
          await page.goto(base + path)
          await page.waitForFunction((l) => window.__benchMarks[l], label, { timeout: 30_000 })
          times.push(await page.evaluate((l) => window.__benchMarks[l], label))
        }
        return median(times)
      }
      const firstPoolRowMs = await firstRow('/pools', 'IP pools')
      const firstIpRowMs = await firstRow('/ips', 'IP addresses')

      await page.goto(`${base}/ips?q=o4`)
      await page.getByText('5000 on this account').waitFor()
      const search = page.getByRole('searchbox', { name: 'Search addresses' })
      await search.focus()
      await search.press('End')
      const echo = []
      const rows = []
      for (const [key, expected] of KEYS) {
        await page.evaluate(ARM_KEYSTROKE, expected)
        await page.keyboard.press(key)
        const figures = await page.evaluate(() => window.__keystroke)
        echo.push(figures.echoMs)
        rows.push(figures.rowsMs)
      }
      return {
        firstPoolRowMs,
        firstIpRowMs,
        keystrokes: KEYS.length,
        echoMs: median(echo),
        slowestEchoMs: Math.max(...echo),
        rowsMs: median(rows),
        slowestRowsMs: Math.max(...rows),
      }
    } finally {
      await browser.close()
    }
  })
}
