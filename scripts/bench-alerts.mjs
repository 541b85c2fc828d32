// Alerts, for npm run bench: the time from a signed batch that crosses a rule to the notification at a receiver,
// through the production server (embedded store, or PostgreSQL where TEST_DATABASE_URL names a server) with rules
// evaluated every 60 s, as an operator might set them. Three crossings, each a pool of its own (each opens its own
// incident); the figure is from the batch's post to the receiver's first byte.
import { createServer } from 'node:http'
import pg from 'pg'
import { newKeyPair, signedBatch } from './event-batches.mjs'
import { startServer, waitUntilUp } from './bench-processes.mjs'

const PORT = 4287
export const EVALUATE_SECONDS = 60
const CROSSINGS = 3

/** 200 messages through `pool`, 40 of them bounced: 20 %, past a 5 % rule. */
function crossing(pool, privateKey, from) {
  const now = Math.floor(Date.now() / 1000) - 30
  const events = []
  for (let i = 0; i < 200; i += 1) {
    const message = { sg_message_id: `${pool}-${from + i}.filter`, email: `r${i}@example.com`, timestamp: now }
    events.push({ ...message, sg_event_id: `${pool}-p${i}`, event: 'processed', pool: { name: pool, id: 1 } })
    const outcome = i < 40 ? { event: 'bounce', type: 'bounce' } : { event: 'delivered' }
    events.push({ ...message, sg_event_id: `${pool}-o${i}`, ip: '198.51.100.7', ...outcome })
  }
  return signedBatch(events, privateKey)
}

async function run(distDir, databaseUrl) {
  const arrivals = []
  const receiver = createServer((req, res) => {
    arrivals.push(performance.now())
    req.resume()
    req.on('end', () => res.end('ok'))
  })
  await new Promise((done) => receiver.listen(0, '127.0.0.1', done))
  const { privateKey, publicKey } = newKeyPair()
  const server = startServer(distDir, PORT, 'http://127.0.0.1:9', {
    SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey,
    ALERT_EVALUATE_SECONDS: String(EVALUATE_SECONDS),
    ALERT_DESTINATION_HOSTS: '127.0.0.1',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  })
  const base = `http://127.0.0.1:${PORT}`
  try {
    await waitUntilUp(`${base}/readyz`, 60_000)
    const post = (path, body) =>
      fetch(`${base}/api/alerts${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const url = `http://127.0.0.1:${receiver.address().port}/hook`
    await post('/channels', { kind: 'webhook', name: 'bench', url, secret: 'a-secret-for-the-bench' })
    await post('/rules', {
      measure: 'bounced',
      scope: { kind: 'every-pool' },
      threshold: 0.05,
      windowHours: 1,
      minVolume: 100,
    })
    const times = []
    for (let i = 0; i < CROSSINGS; i += 1) {
      const batch = crossing(`bench-${i}`, privateKey, i * 1000)
      const before = arrivals.length
      const sent = performance.now()
      const answer = await fetch(`${base}/webhooks/sendgrid/events`, {
        method: 'POST',
        headers: batch.headers,
        body: batch.body,
      })
      if (answer.status !== 202) throw new Error(`the batch was answered ${answer.status}`)
      while (arrivals.length === before && performance.now() - sent < (EVALUATE_SECONDS + 30) * 1000)
        await new Promise((done) => setTimeout(done, 20))
      times.push(arrivals.length > before ? arrivals[before] - sent : Infinity)
    }
    return { times, notifications: arrivals.length }
  } finally {
    server.kill()
    await new Promise((done) => server.once('exit', done))
    receiver.close()
  }
}

export async function measureAlerts(distDir = 'dist') {
  const results = { embedded: await run(distDir, undefined) }
  if (process.env.TEST_DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await admin.connect()
    await admin.query('drop database if exists bench_alerts with (force)')
    await admin.query('create database bench_alerts')
    const url = Object.assign(new URL(process.env.TEST_DATABASE_URL), { pathname: '/bench_alerts' }).href
    try {
      results.postgres = await run(distDir, url)
    } finally {
      await admin.query('drop database bench_alerts with (force)')
      await admin.end()
    }
  }
  return results
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await measureAlerts(), null, 1))
