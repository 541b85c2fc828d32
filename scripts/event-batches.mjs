// Synthetic Event Webhook batches, as SendGrid sends them (a JSON array, signed with ECDSA P-256 over the timestamp
// and the raw body), for `npm run events:send` and the bench. Each message is processed through a pool and then
// delivered, deferred and delivered, bounced, blocked or dropped from one of that pool's IPs, to a mailbox at one of
// the providers; some are opened (from the reader's IP, which must never count as a sending IP). What was generated is
// also counted here, so a caller can check that the server counted exactly as much.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto'

const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'example.org', 'gmail.com', 'hotmail.com']

/** A new key pair: the private one to sign with, the public one as SendGrid shows it (base64 DER). */
export function newKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  return { privateKey, publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') }
}

/** `pools` pools of `ipsPerPool` IPs each, from 10.200.0.0 up. */
export function accountOf(pools, ipsPerPool) {
  return Array.from({ length: pools }, (_, p) => ({
    name: `pool-${p}`,
    ips: Array.from({ length: ipsPerPool }, (_, i) => {
      const n = p * ipsPerPool + i
      return `10.200.${Math.floor(n / 250)}.${n % 250}`
    }),
  }))
}

/** How many batches after its processed event a message's outcome comes: about a second at 20 batches a second. */
const OUTCOME_DELAY_BATCHES = 20

/**
 * A generator of batches over `account`, and the counts of what it has handed out: per pool, and per sending IP.
 * A message's outcome comes some batches after its processed event, as it does from SendGrid, whose batches are
 * also answered concurrently.
 */
export function eventSource(account) {
  const run = randomUUID().slice(0, 8)
  const expected = { pool: {}, ip: {} }
  let message = 0
  let eventNumber = 0
  let batchNumber = 0
  const later = []

  /** The next message's events, each with what it counts for ([scope, key, kind]). */
  function messageEvents(timestamp) {
    const n = message++
    const pool = account[n % account.length]
    const ip = pool.ips[Math.floor(n / account.length) % pool.ips.length]
    const email = `r${n}@${DOMAINS[n % DOMAINS.length]}`
    const base = { email, timestamp, sg_message_id: `${run}m${n}.filterdrecv-1.0` }
    const event = (fields, ...counts) => ({
      event: { ...base, sg_event_id: `${run}-${eventNumber++}`, ...fields },
      counts,
    })
    const events = [event({ event: 'processed', pool: { name: pool.name, id: 1 } }, ['pool', pool.name, 'processed'])]
    const roll = n % 200
    const outcome =
      roll < 2 ? 'dropped' : roll < 5 ? 'bounce' : roll < 7 ? 'blocked' : roll < 15 ? 'deferred' : 'delivered'
    const both = (kind) => [
      ['pool', pool.name, kind],
      ['ip', ip, kind],
    ]
    if (outcome === 'dropped') {
      events.push(event({ event: 'dropped', reason: 'Bounced Address' }, ['pool', pool.name, 'dropped']))
    } else if (outcome === 'bounce' || outcome === 'blocked') {
      events.push(event({ event: 'bounce', ip, type: outcome, status: '5.1.1' }, ...both(outcome)))
    } else {
      if (outcome === 'deferred')
        events.push(
          event({ event: 'deferred', ip, response: '421 try again later', attempt: '1' }, ...both('deferred')),
        )
      events.push(event({ event: 'delivered', ip, response: '250 OK' }, ...both('delivered')))
      // Opened from the reader's IP: counted for the pool, never for an IP.
      if (n % 5 === 0) events.push(event({ event: 'open', ip: '66.249.84.1' }, ['pool', pool.name, 'open']))
    }
    return events
  }

  return {
    expected,
    /** The next batch of `size` events: outcomes that are due, then new messages' processed events. */
    batch(size) {
      batchNumber += 1
      const timestamp = Math.floor(Date.now() / 1000)
      const out = []
      while (later.length > 0 && later[0].due <= batchNumber && out.length < size) out.push(later.shift())
      while (out.length < size) {
        const [processed, ...outcomes] = messageEvents(timestamp)
        out.push(processed)
        for (const outcome of outcomes) later.push({ ...outcome, due: batchNumber + OUTCOME_DELAY_BATCHES })
      }
      return handOut(out)
    },
    /** Every outcome still to come, in batches of `size`: whole messages, processed and then their outcome. */
    rest(size) {
      const batches = []
      while (later.length > 0) batches.push(handOut(later.splice(0, size)))
      return batches
    },
  }

  function handOut(out) {
    for (const { counts } of out)
      for (const [scope, key, kind] of counts) {
        const totals = (expected[scope][key] ??= {})
        totals[kind] = (totals[kind] ?? 0) + 1
      }
    return out.map(({ event }) => event)
  }
}

/** A batch as SendGrid posts it: its body and the headers that sign it. */
export function signedBatch(events, privateKey) {
  const body = `[${events.map((event) => JSON.stringify(event)).join(',\r\n')}]\r\n`
  const timestamp = String(Math.floor(Date.now() / 1000))
  const signature = sign('sha256', Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), {
    key: privateKey,
    dsaEncoding: 'der',
  })
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-twilio-email-event-webhook-timestamp': timestamp,
      'x-twilio-email-event-webhook-signature': signature.toString('base64'),
    },
  }
}
