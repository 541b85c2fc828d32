// What the bench's parts share: the median, waiting for a server to answer, and starting the production server
// over a built directory against a local fake SendGrid (stopped by the caller through the returned process).
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
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
