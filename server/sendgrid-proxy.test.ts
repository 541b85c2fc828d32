import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSendGridProxy } from './sendgrid-proxy.js'

interface Seen {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** A stand-in for SendGrid that records what reaches it and answers as the test says. */
async function startUpstream(
  answer: (req: Seen, res: import('node:http').ServerResponse) => void = (_, res) => {
    res.setHeader('Content-Type', 'application/json')
    res.end('[{"name":"marketing"}]')
  },
) {
  const seen: Seen[] = []
  const server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    const request = { method: req.method!, url: req.url!, headers: req.headers, body }
    seen.push(request)
    answer(request, res)
  })
  return { seen, url: await listen(server), server }
}

function listen(server: Server): Promise<string> {
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  )
}

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))))
})

async function startProxy(
  options: Parameters<typeof createSendGridProxy>[0],
  upstreamAnswer?: Parameters<typeof startUpstream>[0],
) {
  const upstream = await startUpstream(upstreamAnswer)
  const proxy = createSendGridProxy({ upstream: upstream.url, ...options })
  const server = createServer((req, res) =>
    proxy(req, res, () => {
      res.statusCode = 418
      res.end('not the proxy')
    }),
  )
  servers.push(upstream.server, server)
  return { base: await listen(server), seen: upstream.seen }
}

const KEY = 'SG.server-key-0123456789'

describe('the SendGrid proxy', () => {
  it('forwards an allowed call with the server key, method, path, query and body', async () => {
    const { base, seen } = await startProxy({ apiKey: KEY })
    const response = await fetch(`${base}/v3/ips/pools/Test%20Pool%2Fa/ips?x=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: 'session=secret' },
      body: '{"ip":"192.0.2.1"}',
    })
    expect(response.status).toBe(200)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/v3/ips/pools/Test%20Pool%2Fa/ips?x=1',
      body: '{"ip":"192.0.2.1"}',
    })
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(seen[0]!.headers['content-type']).toBe('application/json')
    expect(seen[0]!.headers.cookie).toBeUndefined()
  })

  it('uses the key the browser sends when the server has none, and the server key over it when it has one', async () => {
    const withoutKey = await startProxy({})
    await fetch(`${withoutKey.base}/v3/ips/pools`, { headers: { Authorization: 'Bearer SG.browser-key' } })
    expect(withoutKey.seen[0]!.headers.authorization).toBe('Bearer SG.browser-key')

    const withKey = await startProxy({ apiKey: KEY })
    await fetch(`${withKey.base}/v3/ips/pools`, { headers: { Authorization: 'Bearer SG.browser-key' } })
    expect(withKey.seen[0]!.headers.authorization).toBe(`Bearer ${KEY}`)
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

  it.each([
    ['GET', '/v3/mail/send'],
    ['POST', '/v3/mail/send'],
    ['GET', '/v3/api_keys'],
    ['POST', '/v3/ips'],
    ['PATCH', '/v3/ips/pools/a'],
    ['DELETE', '/v3/ips/pools'],
    ['GET', '/v3/ips/pools/a/ips/b/c'],
    ['GET', '/v3/ips/pools/../../api_keys'],
    ['GET', '/v3/ips/%2e%2e/api_keys'],
    ['GET', '/v3/ips/pools/%2E/x'],
  ])('refuses %s %s with 404 without calling SendGrid', async (method, path) => {
    const { base, seen } = await startProxy({ apiKey: KEY })
    const { request } = await import('node:http')
    // node:http, not fetch: fetch would resolve "..", and the test is what the proxy does with it.
    const status = await new Promise<number>((done, fail) => {
      const url = new URL(base)
      request({ host: url.hostname, port: url.port, method, path }, (res) => {
        res.resume()
        done(res.statusCode!)
      })
        .on('error', fail)
        .end()
    })
    expect(status).toBe(404)
    expect(seen).toHaveLength(0)
  })

  it.each([
    ['GET', '/v3/scopes'],
    ['GET', '/v3/ips?limit=500&offset=0'],
    ['GET', '/v3/ips/192.0.2.1'],
    ['GET', '/v3/ips/assigned'],
    ['GET', '/v3/ips/pools/a'],
    ['PUT', '/v3/ips/pools/a'],
    ['DELETE', '/v3/ips/pools/a'],
    ['DELETE', '/v3/ips/pools/a/ips/2001%3Adb8%3A%3A1'],
    ['POST', '/v3/ips/warmup'],
    ['DELETE', '/v3/ips/warmup/192.0.2.1'],
  ])('forwards %s %s', async (method, path) => {
    const { base, seen } = await startProxy({ apiKey: KEY })
    const response = await fetch(base + path, {
      method,
      body: method === 'PUT' || method === 'POST' ? '{}' : undefined,
    })
    expect(response.status).toBe(200)
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([`${method} ${path}`])
  })

  it('passes the rate-limit headers back and drops hop-by-hop and other headers', async () => {
    const { base } = await startProxy({ apiKey: KEY }, (_, res) => {
      res.writeHead(429, {
        'Content-Type': 'application/json',
        'X-RateLimit-Limit': '150',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '1700000000',
        Connection: 'close',
        'Keep-Alive': 'timeout=99',
        'Set-Cookie': 'tracking=1',
        'X-Upstream-Internal': 'yes',
      })
      res.end('{"errors":[{"field":null,"message":"too many requests"}]}')
    })
    const response = await fetch(`${base}/v3/ips/pools`)
    expect(response.status).toBe(429)
    expect(response.headers.get('x-ratelimit-limit')).toBe('150')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(response.headers.get('x-ratelimit-reset')).toBe('1700000000')
    expect(response.headers.get('keep-alive')).not.toBe('timeout=99')
    expect(response.headers.get('connection')).not.toBe('close')
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(response.headers.get('x-upstream-internal')).toBeNull()
    expect(await response.json()).toEqual({ errors: [{ field: null, message: 'too many requests' }] })
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

  it('answers a 502 JSON error when SendGrid cannot be reached', async () => {
    const closed = createServer()
    const url = await listen(closed)
    await new Promise((done) => closed.close(done))
    const proxy = createSendGridProxy({ apiKey: KEY, upstream: url })
    const server = createServer((req, res) => proxy(req, res, () => res.end()))
    servers.push(server)
    const response = await fetch(`${await listen(server)}/v3/ips/pools`)
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
  ])('refuses a cross-site request (%j) without calling SendGrid', async (headers) => {
    const { base, seen } = await startProxy({ apiKey: KEY })
    const response = await fetch(`${base}/v3/ips/pools`, { method: 'POST', headers, body: '{"name":"x"}' })
    expect(response.status).toBe(403)
    expect(seen).toHaveLength(0)
  })

  it('accepts a same-origin request from the browser', async () => {
    const { base, seen } = await startProxy({ apiKey: KEY })
    const response = await fetch(`${base}/v3/ips/pools`, {
      headers: { 'Sec-Fetch-Site': 'same-origin', Origin: base },
    })
    expect(response.status).toBe(200)
    expect(seen).toHaveLength(1)
  })

  it('tells the app whether a key is configured and which host it talks to, never the key', async () => {
    const { base } = await startProxy({ apiKey: KEY })
    const response = await fetch(`${base}/proxy/status`)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({
      keyOnServer: true,
      apiHost: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
    })
    expect(text).not.toContain(KEY)
  })

  it('leaves every other path to the next handler', async () => {
    const { base, seen } = await startProxy({ apiKey: KEY })
    const response = await fetch(`${base}/assets/index.js`)
    expect(response.status).toBe(418)
    expect(seen).toHaveLength(0)
  })
})
