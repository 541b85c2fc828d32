/**
 * The proxy as an attacker meets it, in both places it is mounted: the production server (Fastify) and the dev
 * server's connect middleware. A recording stand-in for SendGrid shows what, if anything, got through.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSendGridProxy } from './dev-proxy.ts'
import { DISGUISED_TARGETS, listen, rawRequest, serverPool, sharedStore, type UpstreamAnswer } from './testing'

const KEY = 'SG.server-key-0123456789'
const pool = serverPool()
const store = sharedStore()
const emptyDist = mkdtempSync(join(tmpdir(), 'dist-'))
writeFileSync(join(emptyDist, 'index.html'), '<!doctype html><title>app</title>')

type ProxyOptions = { apiKey?: string; timeoutMs?: number }

const MOUNTS = {
  async 'production server'(options: ProxyOptions, upstream: string) {
    const { base } = await pool.start({
      apiKey: options.apiKey,
      upstream,
      upstreamTimeoutMs: options.timeoutMs,
      distDir: emptyDist,
      store: store(),
      logStream: { write: () => true } as unknown as NodeJS.WritableStream as never,
    })
    return base
  },
  async 'dev server middleware'(options: ProxyOptions, upstream: string) {
    const proxy = createSendGridProxy({ ...options, upstream })
    const server = createServer((req, res) =>
      proxy(req, res, () => {
        res.statusCode = 418
        res.end('not the proxy')
      }),
    )
    return listen(pool.track(server))
  },
}

describe.each(Object.keys(MOUNTS) as (keyof typeof MOUNTS)[])('the SendGrid proxy in the %s', (mount) => {
  async function startProxy(options: ProxyOptions = { apiKey: KEY }, answer?: UpstreamAnswer) {
    const upstream = await pool.startUpstream(answer)
    return { base: await MOUNTS[mount](options, upstream.url), seen: upstream.seen }
  }

  it.each(DISGUISED_TARGETS)('refuses %s %s in JSON, and nothing reaches SendGrid', async (method, target) => {
    const { base, seen } = await startProxy()
    const answer = await rawRequest(base, method, target, { 'Content-Type': 'application/json' }, '{"name":"x"}')
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.status).toBeLessThan(500)
    // The app's page is not a refusal, but it is not a forwarded call either; everything under /v3 is answered JSON.
    if (/^\/v3/i.test(target) && method !== 'HEAD')
      expect(JSON.parse(answer.body).errors[0].message).toEqual(expect.any(String))
    expect(seen).toEqual([])
  })

  it.each([
    ['EU / promo #1?', '/v3/ips/pools/EU%20%2F%20promo%20%231%3F'],
    ['100% "quoted"', '/v3/ips/pools/100%25%20%22quoted%22'],
    ['Ünïcødé 日本 '.repeat(5).trim(), `/v3/ips/pools/${encodeURIComponent('Ünïcødé 日本 '.repeat(5).trim())}`],
    ['a%2Fb', '/v3/ips/pools/a%252Fb'],
  ])('forwards the pool "%s" encoded once', async (_name, target) => {
    const { base, seen } = await startProxy()
    const answer = await rawRequest(base, 'GET', target)
    expect(answer.status).toBe(200)
    expect(seen.map((s) => s.url)).toEqual([target])
  })

  it.each([
    ['GET', '/v3/scopes', ''],
    ['GET', '/v3/ips?limit=500&offset=0', ''],
    ['GET', '/v3/ips/pools', ''],
    ['POST', '/v3/ips/pools', '{"name":"marketing"}'],
    ['GET', '/v3/ips/pools/a', ''],
    ['PUT', '/v3/ips/pools/a', '{"name":"b"}'],
    ['DELETE', '/v3/ips/pools/a', ''],
    ['POST', '/v3/ips/pools/a/ips', '{"ip":"192.0.2.1"}'],
    ['DELETE', '/v3/ips/pools/a/ips/2001%3Adb8%3A%3A1', ''],
    ['POST', '/v3/ips/warmup', '{"ip":"192.0.2.1"}'],
    ['DELETE', '/v3/ips/warmup/192.0.2.1', ''],
    ['GET', '/v3/whitelabel/ips?limit=500&offset=0', ''],
    ['POST', '/v3/whitelabel/ips/12/validate', ''],
    ['GET', '/v3/subusers?limit=500&offset=0', ''],
    ['PUT', '/v3/subusers/eu-team%40example.com/ips', '["192.0.2.1","2001:db8::1"]'],
  ])('forwards %s %s %s as it came, with the server key', async (method, path, body) => {
    const { base, seen } = await startProxy()
    const response = await fetch(base + path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body || undefined,
    })
    expect(response.status).toBe(200)
    expect(seen).toEqual([
      expect.objectContaining({
        method,
        url: path,
        body,
        headers: expect.objectContaining({ host: expect.any(String) }),
      }),
    ])
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${KEY}`)
  })

  it('sends SendGrid only the headers the call needs', async () => {
    const { base, seen } = await startProxy()
    await fetch(`${base}/v3/ips/pools`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Cookie: 'session=secret',
        'X-HTTP-Method-Override': 'DELETE',
        'X-Forwarded-For': '203.0.113.9',
        'X-Forwarded-Host': 'api.sendgrid.com',
        'X-Forwarded-Proto': 'https',
        'On-Behalf-Of': 'subuser',
        Authorization: 'Bearer SG.browser-key',
      },
      body: '{"name":"marketing"}',
    })
    expect(seen).toHaveLength(1)
    const sent = seen[0]!
    expect(sent.method).toBe('POST')
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`)
    for (const name of ['cookie', 'x-http-method-override', 'x-forwarded-for', 'x-forwarded-host', 'on-behalf-of'])
      expect(sent.headers[name], name).toBeUndefined()
    const expected = ['accept', 'authorization', 'content-type', 'content-length', 'host', 'connection']
    const fetchDefaults = ['user-agent', 'accept-encoding', 'accept-language', 'sec-fetch-mode']
    expect(
      Object.keys(sent.headers).filter((name) => !expected.includes(name) && !fetchDefaults.includes(name)),
    ).toEqual([])
  })

  it.each([
    ['extra fields', '{"name":"x","ips":["192.0.2.1"]}', 400],
    ['a non-string value', '{"name":{"$ne":null}}', 400],
    ['an array', '[{"name":"x"}]', 400],
    ['broken JSON', '{"name":', 400],
    ['a second JSON document', '{"name":"x"}{"name":"y"}', 400],
  ])('refuses a body with %s', async (_what, body, status) => {
    const { base, seen } = await startProxy()
    const answer = await rawRequest(base, 'POST', '/v3/ips/pools', { 'Content-Type': 'application/json' }, body)
    expect(answer.status).toBe(status)
    expect(seen).toEqual([])
  })

  it.each([
    ['an object', '{"ips":["192.0.2.1"]}'],
    ['numbers', '[1,2]'],
    ['an overlong item', JSON.stringify(['x'.repeat(100)])],
    ['nested lists', '[["192.0.2.1"]]'],
  ])("refuses a subuser's IP list given as %s", async (_what, body) => {
    const { base, seen } = await startProxy()
    const answer = await rawRequest(base, 'PUT', '/v3/subusers/a/ips', { 'Content-Type': 'application/json' }, body)
    expect(answer.status).toBe(400)
    expect(seen).toEqual([])
  })

  it('refuses a body that is not JSON, too large, or on a call that takes none', async () => {
    const { base, seen } = await startProxy()
    const form = await rawRequest(
      base,
      'POST',
      '/v3/ips/pools',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      'name=x',
    )
    expect(form.status).toBe(415)
    const large = await rawRequest(
      base,
      'POST',
      '/v3/ips/pools',
      { 'Content-Type': 'application/json' },
      JSON.stringify({ name: 'x'.repeat(20_000) }),
    )
    expect(large.status).toBe(413)
    const onDelete = await rawRequest(base, 'DELETE', '/v3/ips/pools/a', { 'Content-Type': 'application/json' }, '{}')
    expect(onDelete.status).toBe(400)
    expect(seen).toEqual([])
  })

  it('uses the key the browser sends when the server has none', async () => {
    const { base, seen } = await startProxy({})
    await fetch(`${base}/v3/ips/pools`, { headers: { Authorization: 'Bearer SG.browser-key' } })
    expect(seen[0]!.headers.authorization).toBe('Bearer SG.browser-key')
  })

  it('answers 401 without calling SendGrid when there is no key at all', async () => {
    const { base, seen } = await startProxy({})
    const response = await fetch(`${base}/v3/ips/pools`)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      errors: [{ field: null, message: 'No API key: connect with a SendGrid API key.' }],
    })
    expect(seen).toHaveLength(0)
  })

  it('passes back only the rate-limit headers: no cookie, no redirect target, nothing internal', async () => {
    const { base } = await startProxy({ apiKey: KEY }, (_, res) => {
      res.writeHead(429, {
        'Content-Type': 'application/json',
        'X-RateLimit-Limit': '150',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '1700000000',
        'Set-Cookie': 'tracking=1',
        'Access-Control-Allow-Origin': '*',
        'X-Upstream-Internal': 'yes',
        'Keep-Alive': 'timeout=99',
      })
      res.end('{"errors":[{"field":null,"message":"too many requests"}]}')
    })
    const response = await fetch(`${base}/v3/ips/pools`)
    expect(response.status).toBe(429)
    expect(response.headers.get('x-ratelimit-limit')).toBe('150')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(response.headers.get('x-ratelimit-reset')).toBe('1700000000')
    expect(response.headers.get('cache-control')).toBe('no-store')
    for (const name of ['set-cookie', 'access-control-allow-origin', 'x-upstream-internal'])
      expect(response.headers.get(name), name).toBeNull()
    expect(response.headers.get('keep-alive')).not.toBe('timeout=99')
    expect(await response.json()).toEqual({ errors: [{ field: null, message: 'too many requests' }] })
  })

  it("passes SendGrid's paging links back as paths on this site, and only those of calls the dashboard makes", async () => {
    const { base } = await startProxy({ apiKey: KEY }, (req, res) => {
      const here = `http://${req.headers.host}`
      res.writeHead(200, {
        'Content-Type': 'application/json',
        Link: [
          `<${here}/v3/ips?limit=500&offset=500>; rel="next"`,
          `<${here}/v3/ips?limit=500&offset=0>; rel="first"`,
          `<https://attacker.example/v3/ips?offset=1>; rel="prev"`,
          `<${here}/v3/api_keys>; rel="last"`,
          `<${here}/v3/ips?limit=500&offset=9>; rel="next"; title="x"`,
        ].join(', '),
      })
      res.end('[]')
    })
    const response = await fetch(`${base}/v3/ips?limit=500&offset=0`)
    expect(response.headers.get('link')).toBe(
      '</v3/ips?limit=500&offset=500>; rel="next", </v3/ips?limit=500&offset=0>; rel="first"',
    )
  })

  it('does not follow or pass on a redirect from SendGrid', async () => {
    const { base, seen } = await startProxy({ apiKey: KEY }, (_, res) => {
      res.writeHead(302, { Location: 'https://attacker.example/steal' })
      res.end()
    })
    const response = await fetch(`${base}/v3/ips/pools`, { redirect: 'manual' })
    expect(response.status).toBe(502)
    expect(response.headers.get('location')).toBeNull()
    expect(seen).toHaveLength(1)
  })

  it('never returns the key, even when SendGrid quotes it', async () => {
    const { base } = await startProxy({ apiKey: KEY }, (req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ errors: [{ field: null, message: `key ${req.headers.authorization} is invalid` }] }))
    })
    const response = await fetch(`${base}/v3/ips/pools`)
    const text = await response.text()
    expect(response.status).toBe(401)
    expect(text).not.toContain(KEY)
    expect(text).toContain('[API key]')
    expect([...response.headers.values()].join(' ')).not.toContain(KEY)
  })

  it('answers a 502 JSON error naming the cause when SendGrid cannot be reached', async () => {
    const closed = createServer()
    const url = await listen(closed)
    await new Promise((done) => closed.close(done))
    const base = await MOUNTS[mount]({ apiKey: KEY }, url)
    const response = await fetch(`${base}/v3/ips/pools`)
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({
      errors: [{ field: null, message: `SendGrid (${new URL(url).host}) could not be reached (ECONNREFUSED).` }],
    })
  })

  it('answers a 502 JSON error when SendGrid does not answer in time', async () => {
    const { base } = await startProxy({ apiKey: KEY, timeoutMs: 100 }, () => {
      // never answers
    })
    const response = await fetch(`${base}/v3/ips/pools`)
    expect(response.status).toBe(502)
    expect((await response.json()).errors[0].message).toMatch(/did not answer within 0.1 seconds/)
  })

  it.each([
    [{ 'Sec-Fetch-Site': 'cross-site' }],
    [{ 'Sec-Fetch-Site': 'same-site' }],
    [{ Origin: 'https://evil.example' }],
    [{ Origin: 'null' }],
  ])('refuses a cross-site request (%j) without calling SendGrid', async (headers) => {
    const { base, seen } = await startProxy()
    const response = await fetch(`${base}/v3/ips/pools`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: '{"name":"x"}',
    })
    expect(response.status).toBe(403)
    expect(seen).toHaveLength(0)
  })

  it('accepts a same-origin request from the browser, also when Referrer-Policy makes its Origin "null"', async () => {
    const { base, seen } = await startProxy()
    for (const origin of [base, 'null']) {
      const response = await fetch(`${base}/v3/ips/pools`, {
        headers: { 'Sec-Fetch-Site': 'same-origin', Origin: origin },
      })
      expect(response.status).toBe(200)
    }
    expect(seen).toHaveLength(2)
  })

  it('tells the app whether a key is configured and which host it talks to, never the key', async () => {
    const { base } = await startProxy()
    const response = await fetch(`${base}/proxy/status`)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({
      keyOnServer: true,
      apiHost: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      session: { signInRequired: false, user: null, role: 'local' },
    })
    expect(text).not.toContain(KEY)
  })
})
