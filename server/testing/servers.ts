/** Servers for tests: a recording stand-in for SendGrid, server processes killed after their test, signed batches. */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import { spawn, type ChildProcess } from 'node:child_process'
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { type AddressInfo } from 'node:net'
import { buildServer, type ServerOptions } from '../app.ts'

/** A stand-in for the built app: an index.html, as the page plugin serves it. */
export const FAKE_DIST = mkdtempSync(join(tmpdir(), 'dist-'))
writeFileSync(join(FAKE_DIST, 'index.html'), '<!doctype html><html><head><title>app</title></head><body></body></html>')

/** A log that goes nowhere. */
export const QUIET = new Writable({ write: (_chunk, _encoding, done) => done() })

export interface SignedBatch {
  body: string
  headers: Record<string, string>
}

/** A Signed Event Webhook key pair, and batches signed with it as SendGrid posts them. */
export function webhookSigner() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  return {
    privateKey,
    /** As SendGrid shows it: base64 DER. */
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    /** Events separated by CRLF, signed over the timestamp and the exact bytes. */
    signed(
      events: unknown[],
      {
        timestamp = String(Math.floor(Date.now() / 1000)),
        key = privateKey,
      }: { timestamp?: string; key?: KeyObject } = {},
    ): SignedBatch {
      const body = `[${events.map((event) => JSON.stringify(event)).join(',\r\n')}]\r\n`
      const signature = sign('sha256', Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), {
        key,
        dsaEncoding: 'der',
      })
      return {
        body,
        headers: {
          'Content-Type': 'application/json',
          'X-Twilio-Email-Event-Webhook-Signature': signature.toString('base64'),
          'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
        },
      }
    },
  }
}

export const postBatch = (base: string, batch: SignedBatch) =>
  fetch(`${base}/webhooks/sendgrid/events`, { method: 'POST', headers: batch.headers, body: batch.body })

export interface Seen {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export type UpstreamAnswer = (req: Seen, res: ServerResponse) => void

export const answerPoolList: UpstreamAnswer = (_, res) => {
  res.setHeader('Content-Type', 'application/json')
  res.end('[{"name":"marketing"}]')
}

export function listen(server: Server): Promise<string> {
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  )
}

/** How long a test waits for a server to be ready or a change to show: a ceiling on a busy machine, not a pause. */
export const READY = { timeout: 30_000, interval: 50 }

/** Servers started as processes: killed after their test, and with the test process if it ends first. */
const running = new Set<ChildProcess>()
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')))

/** Stops every server started through it after each test, a test that failed or timed out included. */
export function serverPool() {
  const servers: Server[] = []
  const apps: FastifyInstance[] = []
  afterEach(async () => {
    for (const child of running) child.kill('SIGKILL')
    running.clear()
    await Promise.all(apps.splice(0).map((app) => app.close()))
    await Promise.all(
      servers.splice(0).map((server) => {
        server.closeAllConnections()
        return new Promise((done) => server.close(done))
      }),
    )
  })
  return {
    track<S extends Server>(server: S): S {
      servers.push(server)
      return server
    },
    /**
     * Starts server/main.ts as `npm run serve` would (through tsx here; the build runs with plain node) on a free
     * loopback port with `env` added, and resolves once it says it is serving. Killed after the test if still up.
     */
    async serve(env: Record<string, string>) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      running.add(child)
      child.on('exit', () => running.delete(child))
      let output = ''
      child.stdout!.on('data', (chunk) => (output += chunk))
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
      // A first start prepares a new embedded store: seconds on a quiet machine, several times that on a busy one.
      await vi.waitFor(() => expect(output).toContain('"serving"'), { timeout: 60_000, interval: 50 })
      const base = output.match(/"url":"(http:[^"]+)"/)![1]!
      return { base, child, exited, output: () => output }
    },
    /**
     * Builds the server as the tests do (a stand-in build, a DATA_DIR of its own, no log) with `options` over that,
     * and starts it on a loopback port; its base URL and the app.
     */
    async start(options: Partial<ServerOptions> = {}) {
      const app = await buildServer({
        distDir: FAKE_DIST,
        dataDir: mkdtempSync(join(tmpdir(), 'data-')),
        logStream: QUIET,
        ...options,
      })
      return { app, base: await this.listen(app) }
    },
    /** Starts a built server on a loopback port; its base URL. */
    async listen(app: FastifyInstance): Promise<string> {
      apps.push(app)
      await app.listen({ port: 0, host: '127.0.0.1' })
      app.server.closeIdleConnections()
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    },
    /** A stand-in for SendGrid that records every request reaching it and answers as the test says. */
    async startUpstream(answer: UpstreamAnswer = answerPoolList) {
      const seen: Seen[] = []
      const server = createServer(async (req, res) => {
        let body = ''
        for await (const chunk of req) body += chunk
        const request = { method: req.method!, url: req.url!, headers: req.headers, body }
        seen.push(request)
        answer(request, res)
      })
      servers.push(server)
      return { seen, url: await listen(server), server }
    },
  }
}
