// What the bench's parts share: the median, waiting for a server to answer or for the machine to be idle, and
// starting the production server over a built directory against a local fake SendGrid (stopped by the caller through
// the returned process).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

export async function waitUntilUp(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return
    await new Promise((done) => setTimeout(done, 100))
  }
  throw new Error(`nothing answered at ${url}`)
}

/** The machine's CPU time so far, busy and in all, from /proc/stat (Linux). */
function cpuTimes() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)
  const ticks = fields.map(Number)
  const idle = ticks[3] + ticks[4] // idle and iowait
  const total = ticks.reduce((sum, tick) => sum + tick, 0)
  return { busy: total - idle, total }
}

/**
 * Resolves once the machine has been idle (under 15% of its CPU busy) for two half-second spans in a row, or after
 * `timeoutMs`; gives how long it waited. What ran before (the end-to-end suite's browsers, a PostgreSQL checkpoint
 * after a load run) would otherwise be measured as part of what runs next.
 */
export async function untilIdle(timeoutMs = 60_000) {
  if (!existsSync('/proc/stat')) return 0
  const start = Date.now()
  let last = cpuTimes()
  for (let idleSpans = 0; idleSpans < 2 && Date.now() - start < timeoutMs;) {
    await new Promise((done) => setTimeout(done, 500))
    const now = cpuTimes()
    const busy = (now.busy - last.busy) / Math.max(1, now.total - last.total)
    idleSpans = busy < 0.15 ? idleSpans + 1 : 0
    last = now
  }
  return Date.now() - start
}

/**
 * The production server as `npm run serve` runs it (build/server/main.js, built by `npm run build:server`) serving
 * `distDir` on loopback, with a key, forwarding to `upstream`, its journal in a folder of its own.
 */
export function startServer(distDir, port, upstream, env = {}) {
  return spawn(process.execPath, ['build/server/main.js'], {
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DIST_DIR: distDir,
      SENDGRID_API_KEY: 'SG.bench-key',
      SENDGRID_API_BASE: upstream,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ip-pools-bench-data-')),
      ...env,
    },
  })
}
