// Posts signed synthetic Event Webhook batches to a running dashboard server, so the delivery figures can be tried
// without SendGrid. The first run makes a key pair (kept in the key file) and says which public key the server needs.
//
// Whole messages: each processed event, then its outcome (delivered, deferred, bounced, blocked, dropped) a moment
// later, as SendGrid sends them; the last outcomes follow the last batch.
//
//   npm run events:send -- [--url http://localhost:4173] [--batches 20] [--size 500] [--key .webhook-test-key.pem]
import { createPrivateKey, createPublicKey } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { accountOf, eventSource, newKeyPair, signedBatch } from './event-batches.mjs'

const { values } = parseArgs({
  options: {
    // Where `npm run serve` listens by default.
    url: { type: 'string', default: `http://localhost:${process.env.PORT || 4173}` },
    batches: { type: 'string', default: '20' },
    size: { type: 'string', default: '500' },
    key: { type: 'string', default: '.webhook-test-key.pem' },
    pools: { type: 'string', default: 'transactional,marketing' },
  },
})

const publicKeyText = (privateKey) =>
  createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64')

if (!existsSync(values.key)) {
  const { privateKey } = newKeyPair()
  writeFileSync(values.key, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 })
  console.log(`Made a signing key in ${values.key}. Start the server with this public key, then run this again:\n`)
  console.log(`  SENDGRID_WEBHOOK_PUBLIC_KEY=${publicKeyText(privateKey)}\n`)
  process.exit(0)
}
const privateKey = createPrivateKey(readFileSync(values.key))
// The sample pools' names, each with four IPs of its own.
const names = values.pools.split(',').filter(Boolean)
const account = accountOf(names.length, 4).map((pool, i) => ({ ...pool, name: names[i] }))
const source = eventSource(account)
const endpoint = new URL('/webhooks/sendgrid/events', values.url)
let accepted = 0
let sent = 0

async function send(events) {
  const { body, headers } = signedBatch(events, privateKey)
  const response = await fetch(endpoint, { method: 'POST', headers, body }).catch((error) => {
    console.error(
      `Could not reach ${endpoint} (${error.cause?.code ?? error.cause?.message ?? error.message}): is the server running there?`,
    )
    process.exit(1)
  })
  const answer = await response.json().catch(() => ({}))
  if (!response.ok) {
    console.error(`${endpoint} answered ${response.status}: ${answer.errors?.[0]?.message ?? response.statusText}`)
    if (response.status === 401)
      console.error(`Is the server's SENDGRID_WEBHOOK_PUBLIC_KEY ${publicKeyText(privateKey)}?`)
    process.exit(1)
  }
  accepted += answer.accepted ?? 0
  sent += 1
}

for (let i = 0; i < Number(values.batches); i += 1) await send(source.batch(Number(values.size)))
for (const events of source.rest(Number(values.size))) await send(events)
console.log(`Sent ${sent} batches of up to ${values.size} events to ${endpoint}: ${accepted} accepted.`)
console.log(`Open a pool's page (${names.join(', ')}) to see them.`)
