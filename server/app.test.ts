/** The production server: the built app, its caching, its headers, its host check, its logs and its shutdown. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { connect } from 'node:net'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { buildServer } from './app.ts'
import { SECURITY_HEADERS } from './security-headers.ts'
import { READY, rawRequest, serverPool, sharedStore } from './testing'

const KEY = 'SG.server-key-0123456789'
const INDEX =
  '<!doctype html><html><head><title>IP Pool Manager</title>' +
  '<script type="module" src="/assets/index-AbC123.js"></script></head><body></body></html>'
const SCRIPT = `console.log(${JSON.stringify('pools '.repeat(400))})`

const dist = mkdtempSync(join(tmpdir(), 'dist-'))
mkdirSync(join(dist, 'assets'))
writeFileSync(join(dist, 'index.html'), INDEX)
writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
writeFileSync(join(dist, 'assets/index-AbC123.js'), SCRIPT)
writeFileSync(join(dist, 'assets/index-AbC123.js.gz'), gzipSync(SCRIPT))
writeFileSync(join(dist, 'assets/index-AbC123.js.br'), brotliCompressSync(SCRIPT))

const pool = serverPool()
const store = sharedStore()

async function start(options: Partial<Parameters<typeof buildServer>[0]> = {}) {
  const lines: string[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'))
      done()
    },
  })
  const upstream = await pool.startUpstream()
  const { base } = await pool.start({
    apiKey: KEY,
    upstream: upstream.url,
    distDir: dist,
    store: store(),
    logStream,
    ...options,
  })
  return { base, port: Number(new URL(base).port), logs: () => lines.map((line) => JSON.parse(line)), upstream }
}

describe('the production server serves the built app', () => {
  it('keeps hashed assets for a year and sends them precompressed', async () => {
    const { base } = await start()
    const br = await rawRequest(base, 'GET', '/assets/index-AbC123.js', { 'Accept-Encoding': 'br, gzip' })
    expect(br.status).toBe(200)
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    const response = await fetch(`${base}/assets/index-AbC123.js`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(await response.text()).toBe(SCRIPT) // fetch undoes the gzip: the same file
    expect(Number(br.headers['content-length'])).toBe(brotliCompressSync(SCRIPT).length)
  })

  it('asks browsers to check index.html every time, at / and at every app route, and keep it private', async () => {
    const { base } = await start()
    for (const path of [
      '/',
      '/pools',
      '/pools/EU%20%2F%20promo%20%231%3F',
      '/pools/EU%20%2F%20promo',
      '/pools/news.v2',
      '/ips?pool=marketing',
      '/ips/198.18.0.72',
      '/ips/2001:db8::1',
      '/activity',
    ]) {
      const response = await fetch(base + path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('cache-control'), path).toBe('no-cache, private')
      expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8')
      const page = (await response.text()).replace(/<link rel="preload"[^>]*>/, '')
      expect(page.replace(/<script id="server-status"[^]*?<\/script>/, ''), path).toBe(INDEX)
    }
  })

  it('writes its status into the page, so the app needs no request to learn it', async () => {
    const { base } = await start()
    const page = await (await fetch(`${base}/pools`)).text()
    const data = /<script id="server-status" type="application\/json">(.*?)<\/script><\/head>/.exec(page)?.[1]
    expect(JSON.parse(data ?? 'null')).toEqual({
      keyOnServer: true,
      apiHost: expect.any(String),
      session: { signInRequired: false, user: null, role: 'local' },
    })
    // The same as the status the app would otherwise ask for.
    expect(JSON.parse(data ?? 'null')).toEqual(await (await fetch(`${base}/proxy/status`)).json())
  })

  it('says its status is read-only to any other method (405, Allow: GET, HEAD), in words', async () => {
    const { base } = await start()
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await fetch(`${base}/proxy/status`, { method })
      expect([response.status, response.headers.get('allow')], method).toEqual([405, 'GET, HEAD'])
      expect((await response.json()).errors[0].message).toBe(`${method} is not allowed on /proxy/status.`)
    }
  })

  it("has the browser fetch the page's first SendGrid read with the page, when the server will let it through", async () => {
    const preloadOf = async (base: string, path: string) =>
      /<link rel="preload" href="([^"]*)" as="fetch" crossorigin>/
        .exec(await (await fetch(base + path)).text())?.[1]
        ?.replaceAll('&amp;', '&')
    const { base } = await start()
    expect(await preloadOf(base, '/pools')).toBe('/v3/ips/pools')
    expect(await preloadOf(base, '/')).toBe('/v3/ips/pools')
    expect(await preloadOf(base, '/pools/EU%20%2F%20promo%20%231%3F')).toBe('/v3/ips/pools/EU%20%2F%20promo%20%231%3F')
    expect(await preloadOf(base, `/pools/${encodeURIComponent('"><script>')}`)).toBe('/v3/ips/pools/%22%3E%3Cscript%3E')
    expect(await preloadOf(base, '/ips')).toBe('/v3/ips?limit=1000&offset=0')
    expect(await (await fetch(`${base}/ips`)).text()).toContain('href="/v3/ips?limit=1000&amp;offset=0"')
    expect(await preloadOf(base, '/activity')).toBeUndefined()
    // Without a key on the server the read would be refused until someone connects: nothing to fetch early.
    const keyless = await start({ apiKey: undefined })
    expect(await preloadOf(keyless.base, '/pools')).toBeUndefined()
  })

  it('answers a real 404 for a missing asset or file, not the app', async () => {
    const { base } = await start()
    for (const path of ['/assets/index-gone.js', '/assets/', '/assets/198.18.0.72', '/robots.txt', '/favicon.ico']) {
      const response = await fetch(base + path)
      expect(response.status, path).toBe(404)
      expect((await response.json()).errors[0].message, path).toMatch(/Nothing is at GET/)
    }
    const post = await fetch(`${base}/pools`, { method: 'POST' })
    expect(post.status).toBe(404)
  })

  it('puts the security headers on every response, errors included', async () => {
    const { base } = await start()
    const answers = [
      await rawRequest(base, 'GET', '/'),
      await rawRequest(base, 'GET', '/assets/index-AbC123.js'),
      await rawRequest(base, 'GET', '/assets/missing.js'),
      await rawRequest(base, 'GET', '/healthz'),
      await rawRequest(base, 'GET', '/v3/ips/pools'),
      await rawRequest(base, 'GET', '/v3/mail/send'),
      await rawRequest(base, 'GET', '/v3/ips/pools/%zz'),
      await rawRequest(base, 'PATCH', '/v3/ips/pools/a'),
      await rawRequest(base, 'GET', '/', { Host: 'evil.example' }),
      await rawRequest(base, 'POST', '/v3/ips/pools', { 'Content-Type': 'text/plain' }, 'x'),
      // Refused by Node's own parser, before any hook: a request smuggling attempt.
      await rawRequest(base, 'POST', '/v3/ips/pools', { 'Content-Length': '3', 'Transfer-Encoding': 'chunked' }),
    ]
    for (const answer of answers) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(answer.headers[name.toLowerCase()], `${answer.status} ${name}`).toBe(value)
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 404, 200, 200, 404, 400, 405, 403, 415, 400])
    expect(JSON.parse(answers.at(-1)!.body)).toEqual({
      errors: [{ field: null, message: 'The request is not well-formed HTTP.' }],
    })
  })

  it('cuts a client that sends its headers or its body too slowly, within 30 seconds', async () => {
    const { base } = await start()
    const { hostname, port } = new URL(base)
    /** A connection that sends `start` and then one byte every few seconds: how long until the server closes it. */
    const trickle = (start: string) =>
      new Promise<number>((done) => {
        const began = Date.now()
        const socket = connect(Number(port), hostname, () => socket.write(start))
        const drip = setInterval(() => socket.writable && socket.write('x'), 3000)
        socket.on('data', () => {})
        socket.on('error', () => {})
        socket.on('close', () => {
          clearInterval(drip)
          done(Date.now() - began)
        })
      })
    const [headers, body] = await Promise.all([
      trickle(`GET /pools HTTP/1.1\r\nHost: ${hostname}\r\nX-Slow: `),
      trickle(
        `POST /v3/ips/pools HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`,
      ),
    ])
    expect(headers).toBeLessThan(30_000)
    expect(body).toBeLessThan(30_000)
  })

  it('answers /healthz while it runs', async () => {
    const { base } = await start()
    const response = await fetch(`${base}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })
})

describe('the host check', () => {
  it('refuses a name it was not given, so a rebound DNS name cannot reach the key', async () => {
    const { base, upstream } = await start()
    for (const host of ['evil.example', 'evil.example:4173', 'localhost.evil.example', '']) {
      const answer = await rawRequest(base, 'GET', '/v3/ips/pools', { Host: host })
      expect(answer.status, host).toBe(403)
    }
    expect(upstream.seen).toEqual([])
  })

  it('answers loopback names, IP literals and the names in DASHBOARD_HOSTS', async () => {
    const { base, port, upstream } = await start({ allowedHosts: ['pools.example.com'] })
    for (const host of [
      'localhost',
      `localhost:${port}`,
      '127.0.0.1',
      '[::1]:80',
      'app.localhost',
      'Pools.Example.com',
    ])
      expect((await rawRequest(base, 'GET', '/v3/ips/pools', { Host: host })).status, host).toBe(200)
    expect(upstream.seen).toHaveLength(6)
  })
})

describe('the access log', () => {
  it('writes one JSON line per request: time, method, path without the query, status, ms and user; never the key', async () => {
    const { base, logs } = await start({ apiKey: undefined })
    await fetch(`${base}/v3/ips?limit=500&offset=0`, { headers: { Authorization: `Bearer ${KEY}` } })
    await fetch(`${base}/assets/missing.js?v=${KEY}`)
    const requests = await vi.waitFor(() => {
      const lines = logs().filter((line) => line.msg === 'request')
      expect(lines).toHaveLength(2)
      return lines
    }, READY)
    expect(requests).toEqual([
      {
        level: 'info',
        time: expect.any(String),
        msg: 'request',
        method: 'GET',
        path: '/v3/ips',
        status: 200,
        ms: expect.any(Number),
        user: 'local',
      },
      {
        level: 'info',
        time: expect.any(String),
        msg: 'request',
        method: 'GET',
        path: '/assets/missing.js',
        status: 404,
        ms: expect.any(Number),
        user: 'local',
      },
    ])
    expect(new Date(requests[0].time).getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(JSON.stringify(logs())).not.toContain(KEY)
  })
})

// Each start opens its embedded store in a folder of its own, which takes a few seconds the first time.
describe('npm run serve', { timeout: 120_000 }, () => {
  /** The server as a user starts it, with a SendGrid stand-in whose answers take `delayMs`. */
  async function serve(delayMs: number, graceMs = 10_000, dataDir = mkdtempSync(join(tmpdir(), 'data-'))) {
    const upstream = await pool.startUpstream((_, res) => {
      setTimeout(() => res.setHeader('Content-Type', 'application/json').end('[]'), delayMs)
    })
    const server = await pool.serve({
      DIST_DIR: dist,
      DATA_DIR: dataDir,
      SENDGRID_API_KEY: KEY,
      SENDGRID_API_BASE: upstream.url,
      SHUTDOWN_GRACE_MS: String(graceMs),
    })
    return { ...server, upstream }
  }

  it('after a kill -9 between sending a change and its answer, journals it as sent with no outcome', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'data-'))
    const first = await serve(60_000, 10_000, dataDir)
    const change = fetch(`${first.base}/v3/ips/pools`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"in flight"}',
    }).catch((error: Error) => error)
    await vi.waitFor(() => expect(first.upstream.seen).toHaveLength(1), READY)
    first.child.kill('SIGKILL')
    await first.exited
    expect(await change).toBeInstanceOf(Error)

    // A new store is prepared (in a process of its own) once, and said so: the first start takes some seconds.
    expect(first.output()).toContain('"msg":"preparing the embedded store, first start only"')
    const second = await serve(0, 10_000, dataDir)
    expect(second.output()).not.toContain('preparing the embedded store')
    const { entries } = await (await fetch(`${second.base}/api/activity`)).json()
    expect(entries).toEqual([
      { id: expect.any(String), time: expect.any(String), user: 'local', action: 'create', pool: 'in flight' },
    ])
    second.child.kill('SIGTERM')
    await second.exited
  })

  it('on SIGTERM lets a request in flight finish, takes no new ones, and exits 0', async () => {
    // A grace far longer than the request: the server exits when the request is done, not when the grace ends.
    const { base, child, exited, output, upstream } = await serve(1000, 60_000)
    const inFlight = fetch(`${base}/v3/ips/pools`)
    await vi.waitFor(() => expect(upstream.seen).toHaveLength(1), READY) // in flight: SendGrid has it
    const stoppedAt = Date.now()
    child.kill('SIGTERM')
    await vi.waitFor(() => expect(fetch(`${base}/healthz`)).rejects.toThrow(), READY)
    const response = await inFlight
    expect(response.status).toBe(200)
    expect(await exited).toBe(0)
    expect(Date.now() - stoppedAt).toBeLessThan(30_000)
    expect(output()).toContain('"msg":"stopped"')
    expect(output()).not.toContain(KEY)
  })

  it('closes a request still open after the grace period and exits 0', async () => {
    // The upstream would answer in 10 minutes; the grace is 1.5 s.
    const { base, child, exited, output, upstream } = await serve(600_000, 1500)
    const stuck = fetch(`${base}/v3/ips/pools`).catch((error: Error) => error)
    await vi.waitFor(() => expect(upstream.seen).toHaveLength(1), READY)
    const stoppedAt = Date.now()
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(1_400)
    expect(Date.now() - stoppedAt).toBeLessThan(60_000)
    expect(await stuck).toBeInstanceOf(Error)
    expect(output()).toContain('grace period')
  })
})
