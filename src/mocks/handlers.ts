/** The fake SendGrid's HTTP face: one set of handlers for the browser demo and the unit tests. */
import { HttpResponse, delay, http, type JsonBodyType } from 'msw'
import type { Db, FakeResponse } from './db'

export interface HandlerOptions {
  /** A realistic pause before each answer in the browser; none in unit tests. */
  latency?: () => number
}

function respond({ status, body }: FakeResponse) {
  return body === undefined ? new HttpResponse(null, { status }) : HttpResponse.json(body as JsonBodyType, { status })
}

async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json()
  } catch {
    return undefined
  }
}

const param = (value: string | readonly string[] | undefined) => (typeof value === 'string' ? value : '')

export function createHandlers(db: Db, { latency = () => 0 }: HandlerOptions = {}) {
  const pause = async () => {
    const ms = latency()
    if (ms > 0) await delay(ms)
  }

  return [
    http.get('*/v3/scopes', async () => {
      await pause()
      return respond(db.scopes())
    }),
    http.get('*/v3/ips/pools', async () => {
      await pause()
      return respond(db.listPools())
    }),
    http.post('*/v3/ips/pools', async ({ request }) => {
      await pause()
      return respond(db.createPool(await jsonBody(request)))
    }),
    http.get('*/v3/ips/pools/:name', async ({ params }) => {
      await pause()
      return respond(db.getPool(param(params.name)))
    }),
    http.put('*/v3/ips/pools/:name', async ({ params, request }) => {
      await pause()
      return respond(db.renamePool(param(params.name), await jsonBody(request)))
    }),
    http.delete('*/v3/ips/pools/:name', async ({ params }) => {
      await pause()
      return respond(db.deletePool(param(params.name)))
    }),
    http.post('*/v3/ips/pools/:name/ips', async ({ params, request }) => {
      await pause()
      return respond(db.addIp(param(params.name), await jsonBody(request)))
    }),
    http.delete('*/v3/ips/pools/:name/ips/:ip', async ({ params }) => {
      await pause()
      return respond(db.removeIp(param(params.name), param(params.ip)))
    }),
    http.get('*/v3/ips/warmup', async () => {
      await pause()
      return respond(db.listWarmup())
    }),
    http.post('*/v3/ips/warmup', async ({ request }) => {
      await pause()
      return respond(db.startWarmup(await jsonBody(request)))
    }),
    http.delete('*/v3/ips/warmup/:ip', async ({ params }) => {
      await pause()
      return respond(db.stopWarmup(param(params.ip)))
    }),
    http.get('*/v3/ips', async ({ request }) => {
      await pause()
      const query = new URL(request.url).searchParams
      return respond(db.listIps({ limit: Number(query.get('limit') ?? 10), offset: Number(query.get('offset') ?? 0) }))
    }),
  ]
}
