/**
 * One account of the fake SendGrid over HTTP (the demo's rules and seed behind a real socket), for tests of the
 * production server that need SendGrid to keep what it is told: each request recorded, and a test may make any call
 * misbehave (a 500 in the middle of an apply, a 429).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getResponse, HttpResponse } from 'msw'
import { createDb, memoryStore, type DemoState } from '../../src/mocks/db'
import { createHandlers } from '../../src/mocks/handlers'
import { seedState } from '../../src/mocks/seed'

export async function toFetchRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body = chunks.length ? Buffer.concat(chunks) : undefined
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
  return new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body })
}

export async function writeResponse(res: ServerResponse, response: Response) {
  res.statusCode = response.status
  response.headers.forEach((value, name) => res.setHeader(name, value))
  res.end(Buffer.from(await response.arrayBuffer()))
}

export interface FakeAccountOptions {
  seed?: () => DemoState
  /** An answer in place of the fake's, for the `n`th request (from 1), or one that never comes; undefined lets the fake answer. */
  misbehave?: (request: Request, n: number) => Response | undefined | Promise<Response | undefined>
}

export const sendGridError = (status: number, message: string, headers: Record<string, string> = {}) =>
  HttpResponse.json({ errors: [{ field: null, message }] }, { status, headers })

/** Starts a fake account on a loopback port: its URL, its db, every request it took, and a way to stop it. */
export async function startFakeAccount({ seed = seedState, misbehave }: FakeAccountOptions = {}) {
  const db = createDb(memoryStore(), seed)
  const handlers = createHandlers(db)
  const seen: { method: string; path: string; authorization?: string }[] = []
  /** How long the fake itself took to answer, all requests together (a benchmark takes it off its figures). */
  let busyMs = 0
  const server = createServer(async (req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization })
    const request = await toFetchRequest(req)
    const started = performance.now()
    const answer =
      (await misbehave?.(request, seen.length)) ??
      (await getResponse(handlers, request)) ??
      sendGridError(404, 'resource not found')
    busyMs += performance.now() - started
    await writeResponse(res, answer)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    db,
    seen,
    server,
    busyMs: () => busyMs,
    /** Requests that changed something (not reads). */
    changes: () => seen.filter((request) => request.method !== 'GET'),
  }
}
