// The demo build in headless Chromium: confirm-to-close of Remove IP and Rename on the sample account and on
// ?demo=large (100 pools, 5,000 IPs); there, navigation to the first pool row and to the first IP row, and real
// keystrokes in the 5,000-row table's search box (when each shows in the box, and when the rows follow).
import { spawn } from 'node:child_process'
import { chromium } from '@playwright/test'
import { median, waitUntilUp } from './bench-processes.mjs'
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs'

/* global window, document, MutationObserver, requestAnimationFrame -- for the functions run in the page */

export const RUNS = 5

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

/**
 * Arms the open dialog: resolves, once it has closed, with the time from the click on its submit button and the time
 * of the one request that click sent (from the page's resource timing), so what the dialog added shows apart from
 * the fake network's random 150-400 ms.
 */
const ARM_CLOSE = () => {
  const dialog = document.querySelector('[role="dialog"]')
  const submit = dialog.querySelector('button[type="submit"]')
  performance.clearResourceTimings()
  window.__closed = new Promise((done) => {
    let start
    submit.addEventListener('click', () => (start = performance.now()), { capture: true, once: true })
    const observer = new MutationObserver(() => {
      if (dialog.isConnected) return
      observer.disconnect()
      const closeMs = performance.now() - start
      const change = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.initiatorType === 'fetch' && entry.startTime >= start)
        .sort((a, b) => a.startTime - b.startTime)[0]
      done({ closeMs, requestMs: change ? change.responseEnd - change.startTime : NaN })
    })
    observer.observe(document.body, { childList: true, subtree: true })
  })
}

/**
 * Removes are limited by the sample account's pool of 5 IPs. Renames can be repeated, and the first of a page is the
 * slowest (its code runs for the first time): 7 of them.
 */
const REMOVES = 3
const RENAMES = 7

/**
 * Watches the page's requests from now on, and gives a wait that resolves once none has been in flight for half a
 * second (at most 10 s). In demo mode the fake SendGrid answers on the page's own main thread: the re-reads that
 * follow one change would otherwise be counted against the next. A user does not confirm a change within a moment of
 * the last one.
 */
function quietPage(page) {
  const pending = new Set()
  page.on('request', (request) => pending.add(request))
  page.on('requestfinished', (request) => pending.delete(request))
  page.on('requestfailed', (request) => pending.delete(request))
  return async () => {
    for (let quietFor = 0, waited = 0; quietFor < 500 && waited < 10_000; waited += 100) {
      await page.waitForTimeout(100)
      quietFor = pending.size === 0 ? quietFor + 100 : 0
    }
  }
}

/** Confirm-to-close of Remove IP and of Rename on the account the page has now, each from a quiet page. */
async function measureDialogs(page, settled, base, pool) {
  const confirm = async (button) => {
    await button.waitFor()
    await settled()
    await page.evaluate(ARM_CLOSE)
    await button.click()
    return page.evaluate(() => window.__closed)
  }
  const remove = []
  await page.goto(`${base}/pools/${encodeURIComponent(pool)}`)
  for (let i = 0; i < REMOVES; i += 1) {
    await page
      .getByRole('button', { name: /^Remove [0-9a-f]/ })
      .first()
      .click()
    remove.push(await confirm(page.getByRole('dialog').getByRole('button', { name: 'Remove' })))
  }
  const rename = []
  for (let i = 0; i < RENAMES; i += 1) {
    await page.getByRole('button', { name: 'Rename', exact: true }).click()
    const name = `${pool}-${i + 1}`
    await page.getByRole('dialog').getByRole('textbox', { name: 'Pool name' }).fill(name)
    rename.push(await confirm(page.getByRole('dialog').getByRole('button', { name: 'Save' })))
    await page.getByRole('heading', { level: 1, name }).waitFor()
  }
  const summary = (runs) => ({
    closeMs: median(runs.map((run) => run.closeMs)),
    overMs: median(runs.map((run) => run.closeMs - run.requestMs)),
  })
  return { remove: summary(remove), rename: summary(rename) }
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
      const settled = quietPage(page)
      await page.addInitScript(MARK_FIRST_ROWS)
      // The sample account first, then the large one (which also installs the demo's service worker once: the
      // timed visits below are return visits).
      await page.goto(`${base}/pools`)
      await page.getByRole('link', { name: 'transactional' }).waitFor({ timeout: 60_000 })
      const smallDialogs = await measureDialogs(page, settled, base, 'transactional')
      await page.goto(`${base}/pools?demo=large`)
      await page.getByText('100 pools (up to 100 allowed)').waitFor({ timeout: 60_000 })
      const largeDialogs = await measureDialogs(page, settled, base, 'transactional')

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
        dialogs: { small: smallDialogs, large: largeDialogs },
        removes: REMOVES,
        renames: RENAMES,
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
