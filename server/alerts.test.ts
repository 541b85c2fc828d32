/**
 * Alerts through the real server on a port: signed events cross a rule, and real receivers on loopback (Slack-shaped,
 * a webhook that checks the signature, PagerDuty-shaped) get exactly one notification each, then a resolve.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { AlertChannel, AlertsView } from '../src/shared/alert-api.ts'
import { ENGINES, READY, postBatch, serverPool, sharedStore, startReceiver, webhookSigner } from './testing'

const pool = serverPool()
const { publicKey, signed } = webhookSigner()
const ROUTING_KEY = 'R0UT1NGKEY0000000000000000000abc'
const HOOK_SECRET = 'a-signing-secret-of-enough-length'

let n = 0
const now = () => Math.floor(Date.now() / 1000)
/** `sent` messages through pool `name` from one IP, `bounced` of them bounced and the rest delivered. */
function mail(name: string, sent: number, bounced: number) {
  const events: unknown[] = []
  for (let i = 0; i < sent; i += 1) {
    const message = { sg_message_id: `m${(n += 1)}.filter`, email: `r${n}@example.com`, timestamp: now() - 30 }
    events.push({ ...message, sg_event_id: `p${n}`, event: 'processed', pool: { name, id: 1 } })
    const outcome = i < bounced ? { event: 'bounce', type: 'bounce' } : { event: 'delivered' }
    events.push({ ...message, sg_event_id: `o${n}`, ip: '198.51.100.7', ...outcome })
  }
  return signed(events)
}

/** A receiver's signature check, as docs/alerts.md tells a receiver to do it. */
function verified(secret: string, body: string, header: string): boolean {
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]))
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest()
  const given = Buffer.from(v1 ?? '', 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

describe.each(ENGINES)('alerts on the %s store', (engine) => {
  const store = sharedStore(engine)

  async function start() {
    const [slack, hook, pager] = [await startReceiver(), await startReceiver(), await startReceiver()]
    for (const one of [slack, hook, pager]) pool.track(one.server)
    const { base } = await pool.start({
      store: store(),
      webhookPublicKey: publicKey,
      alerts: { evaluateSeconds: 1, retrySeconds: 1, destinationHosts: ['127.0.0.1'] },
      incidentTimes: { quietMs: 1_500, remindMs: 24 * 3600_000 },
    })
    const api = async (method: string, path: string, body?: unknown) => {
      const answer = await fetch(`${base}/api/alerts${path}`, {
        method,
        ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
      })
      const text = await answer.text()
      return { status: answer.status, text, json: text ? JSON.parse(text) : undefined }
    }
    for (const channel of [
      { kind: 'slack', name: 'Slack #deliverability', url: `${slack.url}/services/T0/B0/slacksecretpath` },
      { kind: 'webhook', name: 'Ops webhook', url: `${hook.url}/alerts`, secret: HOOK_SECRET },
      { kind: 'pagerduty', name: 'On call', url: `${pager.url}/v2/enqueue`, routingKey: ROUTING_KEY },
    ])
      expect((await api('POST', '/channels', channel)).status).toBe(201)
    const rule = { measure: 'bounced', scope: { kind: 'pool', name: 'marketing' }, threshold: 0.05, windowHours: 1 }
    expect((await api('POST', '/rules', { ...rule, minVolume: 20 })).status).toBe(201)
    const view = async () => (await api('GET', '')).json as AlertsView
    /** Resolves once an evaluation has finished after every batch sent so far was counted. */
    const evaluatedAfterCounting = async () => {
      await expect.poll(async () => (await store().query('select id from webhook_batches')).length, READY).toBe(0)
      const counted = Date.now()
      await expect.poll(async () => Date.parse((await view()).evaluatedAt ?? '') || 0, READY).toBeGreaterThan(counted)
    }
    return { base, api, view, slack, hook, pager, evaluatedAfterCounting }
  }

  it('crossing batches notify each channel once with the figure and the link; recovery resolves', async () => {
    const { base, view, slack, hook, pager, evaluatedAfterCounting } = await start()
    expect((await postBatch(base, mail('marketing', 20, 4))).status).toBe(202)
    await expect.poll(() => [slack, hook, pager].map((one) => one.received.length), READY).toEqual([1, 1, 1])

    const [incident] = (await view()).open
    expect(incident).toMatchObject({ scope: { by: 'pool', name: 'marketing' }, value: 0.2, threshold: 0.05 })
    const text = String(slack.received[0]!.json.text)
    expect(text).toContain('Bounced and blocked 20.0 % for pool “marketing” (threshold: above 5.0 %)')
    expect(text).toMatch(/<http:\/\/localhost:\d+\/pools\/marketing\|Open pool “marketing”>/)
    const { body, headers } = hook.received[0]!
    expect(verified(HOOK_SECRET, body, String(headers['x-dashboard-signature']))).toBe(true)
    expect(verified('another-secret-of-some-length', body, String(headers['x-dashboard-signature']))).toBe(false)
    expect(hook.received[0]!.json).toMatchObject({ type: 'incident.opened', incident: { id: incident!.id } })
    expect(pager.received[0]!.json).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: incident!.id,
      payload: { severity: 'warning' },
    })

    // Still crossing: the incident is updated, nobody is told again.
    expect((await postBatch(base, mail('marketing', 20, 6))).status).toBe(202)
    await evaluatedAfterCounting()
    await evaluatedAfterCounting()
    expect([slack, hook, pager].map((one) => one.received.length)).toEqual([1, 1, 1])
    expect((await view()).open).toMatchObject([{ id: incident!.id, value: 0.25, openedValue: 0.2 }])

    // Recovered: 10 bounced of 240 is under 5 %; once quiet long enough, each channel hears it resolved.
    expect((await postBatch(base, mail('marketing', 200, 0))).status).toBe(202)
    await expect.poll(() => [slack, hook, pager].map((one) => one.received.length), READY).toEqual([2, 2, 2])
    expect(String(slack.received[1]!.json.text)).toMatch(/^Resolved: pool “marketing” is back/)
    expect(hook.received[1]!.json).toMatchObject({ type: 'incident.resolved', incident: { id: incident!.id } })
    expect(pager.received[1]!.json).toMatchObject({ event_action: 'resolve', dedup_key: incident!.id })
    const after = await view()
    expect(after.open).toEqual([])
    expect(after.history[0]!.attempts.map(({ kind, ok, status }) => `${kind} ${ok} ${status}`).sort()).toEqual([
      ...Array(3).fill('opened true 200'),
      ...Array(3).fill('resolved true 200'),
    ])
  })

  it('a muted rule and a volume under the minimum notify nobody', async () => {
    const { base, api, slack, evaluatedAfterCounting } = await start()
    const until = new Date(Date.now() + 3600_000).toISOString()
    const rules = (await api('GET', '')).json.rules as { id: string; isDefault: boolean }[]
    const added = rules.find((rule) => !rule.isDefault)!
    expect((await api('PUT', '/mutes', { ruleId: added.id, scope: 'pool:marketing', until })).status).toBe(204)
    expect((await postBatch(base, mail('marketing', 20, 10))).status).toBe(202)
    // 1 bounced of 5 is 20 %, and under the rule's 20 sent.
    expect((await postBatch(base, mail('transactional', 5, 1))).status).toBe(202)
    await evaluatedAfterCounting()
    await evaluatedAfterCounting()
    expect(slack.received).toEqual([])
    expect(await store().query('select id from alert_incidents')).toEqual([])
  })

  it('refuses a NUL or half a character in any text it would keep, keeps nothing, and still answers', async () => {
    const { api } = await start()
    const before = (await api('GET', '')).text
    const rule = { measure: 'bounced', threshold: 0.05, windowHours: 1, minVolume: 20 }
    const soon = new Date(Date.now() + 3600_000).toISOString()
    for (const bad of ['a\u0000b', 'a\uD800b', '\uDC00']) {
      const answers = [
        await api('POST', '/rules', { ...rule, scope: { kind: 'pool', name: bad } }),
        await api('POST', '/channels', { kind: 'slack', name: bad, url: 'https://hooks.slack.com/services/x' }),
        await api('POST', '/channels', {
          kind: 'webhook',
          name: 'w',
          url: 'https://h.example.com/',
          secret: `${bad}0123456789abcdef`,
        }),
        await api('PUT', '/mutes', { ruleId: 'default-bounced', scope: `pool:${bad}`, until: soon }),
        await api('DELETE', '/mutes', { ruleId: bad, scope: 'pool:marketing' }),
      ]
      for (const answer of answers) {
        expect(answer.status, answer.text).toBe(400)
        expect(answer.json.errors[0].message).toMatch(/must not hold a NUL or half a character/)
      }
    }
    expect((await api('GET', '')).text).toBe(before)
    expect((await api('GET', '?pool=%00')).status).toBe(400)
  })

  it('keeps channel secrets from every answer, and refuses destinations that are not https or point inward', async () => {
    const { api } = await start()
    const { text } = await api('GET', '')
    for (const secret of ['slacksecretpath', HOOK_SECRET, ROUTING_KEY, '/alerts']) expect(text).not.toContain(secret)
    const channels = JSON.parse(text).channels as AlertChannel[]
    const shown = Object.fromEntries(channels.map((one) => [one.kind, one.destination]))
    expect(shown).toEqual({
      pagerduty: expect.stringMatching(/^127\.0\.0\.1:\d+, key …0abc$/),
      slack: expect.stringMatching(/^127\.0\.0\.1:\d+\/…$/),
      webhook: expect.stringMatching(/^127\.0\.0\.1:\d+\/…$/),
    })
    for (const url of [
      'http://hooks.example.com/x',
      'https://169.254.169.254/latest/meta-data',
      'https://[::ffff:169.254.169.254]/',
      'https://[fe80::1]/',
      'https://metadata.google.internal/computeMetadata/v1/',
      'https://localhost/hook',
      'https://user:pass@hooks.example.com/x',
    ]) {
      const answer = await api('POST', '/channels', { kind: 'slack', name: 'bad', url })
      expect(answer.status, url).toBe(400)
      expect(answer.json.errors[0].message, url).toMatch(/url must/)
    }
    const test = await api('POST', `/channels/${channels[0]!.id}/test`)
    expect(test.json).toMatchObject({ ok: true, status: 200 })
  })
})

describe('email alerts', () => {
  const store = sharedStore('embedded')

  for (const [scopes, said] of [
    [['mail.send', 'ips.pools.read'], null],
    [['ips.pools.read'], "The server's SendGrid key lacks the mail.send permission."],
  ] as const)
    it(`are sent through Mail Send with the server's key ${said ? 'only if it has mail.send' : 'to the addresses given'}`, async () => {
      const upstream = await pool.startUpstream((req, res) => {
        if (req.url === '/v3/scopes')
          return res.setHeader('content-type', 'application/json').end(JSON.stringify({ scopes }))
        res.writeHead(req.url === '/v3/mail/send' ? 202 : 404).end()
      })
      const { base } = await pool.start({
        store: store(),
        apiKey: 'SG.server-key',
        upstream: upstream.url,
        webhookPublicKey: publicKey,
        alerts: { evaluateSeconds: 1, retrySeconds: 1 },
      })
      const post = (path: string, body: unknown) =>
        fetch(`${base}/api/alerts${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      const channel = {
        kind: 'email',
        name: 'Ops mail',
        to: ['ops@example.com', 'lead@example.com'],
        from: 'alerts@example.com',
      }
      expect((await post('/channels', channel)).status).toBe(201)
      const rule = { measure: 'bounced', scope: { kind: 'every-pool' }, threshold: 0.05, windowHours: 1, minVolume: 20 }
      expect((await post('/rules', rule)).status).toBe(201)
      const view = async () => (await (await fetch(`${base}/api/alerts`)).json()) as AlertsView
      expect((await view()).email).toEqual(said ? { allowed: false, reason: said } : { allowed: true })

      expect((await postBatch(base, mail('marketing', 20, 5))).status).toBe(202)
      await expect.poll(async () => (await view()).open[0]?.attempts.length ?? 0, READY).toBeGreaterThan(0)
      const [attempt] = (await view()).open[0]!.attempts
      const sent = upstream.seen.filter((seen) => seen.url === '/v3/mail/send')
      if (said) {
        expect(attempt).toMatchObject({ channel: 'Ops mail', ok: false, answer: said })
        expect(sent).toEqual([])
        return
      }
      expect(attempt).toMatchObject({ channel: 'Ops mail', ok: true, status: 202 })
      expect(sent).toHaveLength(1)
      expect(sent[0]!.headers.authorization).toBe('Bearer SG.server-key')
      expect(JSON.parse(sent[0]!.body)).toMatchObject({
        personalizations: [{ to: [{ email: 'ops@example.com' }, { email: 'lead@example.com' }] }],
        from: { email: 'alerts@example.com' },
        subject: 'Alert: Bounced and blocked 25.0 % for pool “marketing” (threshold: above 5.0 %).',
      })
    })
})

describe('a fix made from an alert', () => {
  it('names the incident in the journal entry of the change', async () => {
    const upstream = await pool.startUpstream((_req, res) => res.writeHead(204).end())
    const { base } = await pool.start({ apiKey: 'SG.server-key', upstream: upstream.url })
    const incident = '0190d6a4-0000-7000-8000-0000000000aa'
    const removed = await fetch(`${base}/v3/ips/pools/marketing/ips/198.51.100.23`, {
      method: 'DELETE',
      headers: { 'x-dashboard-incident': incident },
    })
    expect(removed.status).toBe(204)
    expect(upstream.seen[0]!.headers['x-dashboard-incident']).toBeUndefined()
    const { entries } = await (await fetch(`${base}/api/activity`)).json()
    expect(entries).toEqual([expect.objectContaining({ action: 'remove-ip', ip: '198.51.100.23', incident })])
  })
})
