/** The fake SendGrid's HTTP face: one set of handlers for the browser demo and the unit tests. */
import { HttpResponse, delay, http, type JsonBodyType, type PathParams } from 'msw'
import { SENDGRID_ROUTES, type RouteId } from '../../server/routes.js'
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

type Params = PathParams<string>
const METHOD = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete' } as const

const param = (value: string | readonly string[] | undefined) => (typeof value === 'string' ? value : '')

export function createHandlers(db: Db, { latency = () => 0 }: HandlerOptions = {}) {
  const pause = async () => {
    const ms = latency()
    if (ms > 0) await delay(ms)
  }

  /** One answer for each call of the route table: a call added there without one here does not compile. */
  const answers: Record<RouteId, (call: { params: Params; request: Request }) => Promise<FakeResponse> | FakeResponse> =
    {
      scopes: () => db.scopes(),
      listPools: () => db.listPools(),
      createPool: async ({ request }) => db.createPool(await jsonBody(request)),
      getPool: ({ params }) => db.getPool(param(params.pool_name)),
      renamePool: async ({ params, request }) => db.renamePool(param(params.pool_name), await jsonBody(request)),
      deletePool: ({ params }) => db.deletePool(param(params.pool_name)),
      addPoolIp: async ({ params, request }) => db.addIp(param(params.pool_name), await jsonBody(request)),
      removePoolIp: ({ params }) => db.removeIp(param(params.pool_name), param(params.ip)),
      listIps: ({ request }) => {
        const query = new URL(request.url).searchParams
        return db.listIps({ limit: Number(query.get('limit') ?? 10), offset: Number(query.get('offset') ?? 0) })
      },
      startWarmup: async ({ request }) => db.startWarmup(await jsonBody(request)),
      stopWarmup: ({ params }) => db.stopWarmup(param(params.ip_address)),
    }

  return SENDGRID_ROUTES.map((route) =>
    http[METHOD[route.method]](`*${route.path.replace(/\{(\w+)\}/g, ':$1')}`, async ({ params, request }) => {
      await pause()
      return respond(await answers[route.id]({ params, request }))
    }),
  )
}
