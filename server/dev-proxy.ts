/**
 * Connect-style `(req, res, next)` middleware around the forwarder, for Vite's dev server, which has no sign-in and
 * no journal: it prepares and forwards in one step.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CACHING } from './caching.ts'
import { STATUS_PATH } from '../src/shared/dashboard-api.ts'
import {
  MAX_BODY_BYTES,
  createForwarder,
  isProxyPath,
  statusOnlyRead,
  type Answer,
  type ForwarderOptions,
} from './sendgrid-proxy.ts'

export function createSendGridProxy(options: ForwarderOptions = {}) {
  const forwarder = createForwarder(options)
  return async function sendGridProxy(req: IncomingMessage, res: ServerResponse, next: () => void) {
    const target = req.url ?? '/'
    if (!isProxyPath(target)) return next()
    const method = req.method ?? 'GET'
    let answer: Answer
    if (target.split('?')[0] === STATUS_PATH) {
      answer =
        method === 'GET' || method === 'HEAD'
          ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(forwarder.status()) }
          : statusOnlyRead(method)
    } else {
      const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req)
      const prepared = forwarder.prepare({ method, target, headers: req.headers, ...(body ? { body } : {}) })
      answer = 'call' in prepared ? await forwarder.forward(prepared) : prepared
    }
    res.writeHead(answer.status, { ...answer.headers, 'cache-control': CACHING.none })
    res.end(answer.body)
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    // Once over the limit the forwarder refuses the body, so the rest is read but not kept.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    size += chunk.length
  }
  return Buffer.concat(chunks)
}

/**
 * Connect-style `(req, res, next)` middleware around the forwarder, for Vite's dev server, which has no sign-in and
 * no journal: it prepares and forwards in one step.
 */
