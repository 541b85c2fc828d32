// The production server under load, for npm run bench: requests per second and p99 latency for index.html, a hashed
// asset and a proxied call to a local fake SendGrid (50 connections, 10 s each), and the proxy's added latency over
// calling the fake directly (median of 1,000 requests each, one at a time, alternating). Every server runs on loopback, each
// in its own process so the load generator does not share a core with what it measures, and is stopped by its PID.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { median, startServer, waitUntilUp } from './bench-processes.mjs'

const SERVER_PORT = 4281
const FAKE_PORT = 4282
const POOLS = JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ name: `pool-${i}` })))
const FAKE_SENDGRID = `require('node:http').createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '99' })
  res.end(${JSON.stringify(POOLS)})
}).listen(${FAKE_PORT}, '127.0.0.1')`

function load(url, { connections = 50, duration = 10, headers = {} } = {}) {
  return new Promise((done, fail) =>
    autocannon({ url, connections, duration, headers }, (error, result) => (error ? fail(error) : done(result))),
  )
}

const summary = (result) => ({
  rps: result.requests.average,
  mbps: result.throughput.average / 2 ** 20,
  p50: result.latency.p50,
  p99: result.latency.p99,
  failures: result.errors + result.timeouts + result.non2xx,
})

/** One request's time in ms, over a kept-alive connection. */
function timeOne(url, agent, headers, { method = 'GET', body } = {}) {
  return new Promise((done, fail) => {
    const start = performance.now()
    request(url, { agent, headers, method }, (res) => {
      res.resume()
      res.on('end', () =>
        res.statusCode === 200 ? done(performance.now() - start) : fail(new Error(`${res.statusCode}`)),
      )
    })
      .on('error', fail)
      .end(body)
  })
}

const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]

/** @param {string} distDir a live build */
export async function measureServer(distDir) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const asset = html.match(/<script[^>]*\ssrc="(\/assets\/[^"]+\.js)"/)?.[1]
  if (!asset) throw new Error('no script in index.html')

  const fake = spawn(process.execPath, ['-e', FAKE_SENDGRID], { stdio: 'ignore' })
  const server = startServer(distDir, SERVER_PORT, `http://127.0.0.1:${FAKE_PORT}`)
  const base = `http://127.0.0.1:${SERVER_PORT}`
  try {
    await waitUntilUp(`${base}/healthz`)
    await waitUntilUp(`http://127.0.0.1:${FAKE_PORT}/`)
    const browser = { 'accept-encoding': 'br, gzip', 'sec-fetch-site': 'same-origin' }
    const results = {
      index: summary(await load(`${base}/`, { headers: browser })),
      asset: summary(await load(base + asset, { headers: browser })),
      proxied: summary(await load(`${base}/v3/ips/pools`, { headers: browser })),
    }
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const direct = []
    const viaProxy = []
    for (let i = 0; i < 1000; i += 1) {
      direct.push(await timeOne(`http://127.0.0.1:${FAKE_PORT}/v3/ips/pools`, agent, {}))
      viaProxy.push(await timeOne(`${base}/v3/ips/pools`, agent, browser))
    }
    // A change is journalled before it is sent and completed after: two flushed writes a read does not make. The
    // same size of call, proxied both ways, one at a time and alternating, shows what the journal adds.
    const change = { ...browser, 'content-type': 'application/json' }
    const reads = []
    const changes = []
    for (let i = 0; i < 500; i += 1) {
      reads.push(await timeOne(`${base}/v3/ips/pools`, agent, browser))
      changes.push(
        await timeOne(`${base}/v3/ips/pools`, agent, change, { method: 'POST', body: `{"name":"bench-${i}"}` }),
      )
    }
    agent.destroy()
    return {
      journal: {
        withoutP50: percentile(reads, 0.5),
        withoutP99: percentile(reads, 0.99),
        withP50: percentile(changes, 0.5),
        withP99: percentile(changes, 0.99),
        addedP50: percentile(changes, 0.5) - percentile(reads, 0.5),
      },
      ...results,
      asset: { ...results.asset, path: asset },
      directMs: median(direct),
      viaProxyMs: median(viaProxy),
      addedMs: median(viaProxy) - median(direct),
    }
  } finally {
    server.kill('SIGTERM')
    fake.kill('SIGTERM')
  }
}
