/** The fake SendGrid's HTTP face: one set of handlers for the browser demo and the unit tests. */
import { HttpResponse, delay, http, type JsonBodyType, type PathParams, type RequestHandler } from 'msw'
import { describeChange, sendGridMessage } from '../shared/activity'
import { EVENTS_PATH, WEBHOOK_STATUS_PATH, type Range } from '../shared/delivery'
import { SENDGRID_ROUTES, type RouteId } from '../shared/sendgrid-routes'
import type { Db, FakeResponse } from './db'
import { DEMO_USER } from './state'
import { ALERTS_PATH, incidentOf } from '../shared/alert-api'
import {
  LAYOUT_APPLIES_PATH,
  LAYOUT_DRIFT_PATH,
  LAYOUT_PATH,
  LAYOUT_PLAN_PATH,
  TOKENS_PATH,
} from '../shared/layout-api'
import { DEMO_APPLY_HEADER, demoLayout } from './layout'

/** Who the demo's journal names: nobody signs in to a demo. */

interface HandlerOptions {
  /** A realistic pause before each answer in the browser; none in unit tests. */
  latency?: () => number
  /** The most IPs one page of GET /v3/ips holds, whatever limit is asked for (SendGrid documents none). */
  ipsPageCap?: number
  /** Whether GET /v3/ips says where the next page is in a Link header, as SendGrid does. */
  pagingLinks?: boolean
}

/** SendGrid sends its rate-limit headers with every answer, not only with a 429. */
function rateLimitHeaders(): Record<string, string> {
  return {
    'X-RateLimit-Limit': '600',
    'X-RateLimit-Remaining': '599',
    'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 60),
  }
}

function respond({ status, body, headers }: FakeResponse) {
  const init = { status, headers: { ...rateLimitHeaders(), ...headers } }
  return body === undefined ? new HttpResponse(null, init) : HttpResponse.json(body as JsonBodyType, init)
}

async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json()
  } catch {
    return undefined
  }
}

type Params = PathParams<string>

/** The limit and offset a paged list was asked for. */
function pageOf(request: Request) {
  const query = new URL(request.url).searchParams
  return { limit: Number(query.get('limit') ?? 10), offset: Number(query.get('offset') ?? 0) }
}
const METHOD = { GET: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete' } as const

const param = (value: string | readonly string[] | undefined) => (typeof value === 'string' ? value : '')

export function createHandlers(db: Db, { latency = () => 0, ipsPageCap, pagingLinks = true }: HandlerOptions = {}) {
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
        const url = new URL(request.url)
        const limit = Number(url.searchParams.get('limit') ?? 10)
        const { next, ...page } = db.listIps({
          limit,
          offset: Number(url.searchParams.get('offset') ?? 0),
          cap: ipsPageCap,
        })
        if (!pagingLinks) return page
        // As SendGrid does: the first page always, the next one while there is one.
        const link = (offset: number, rel: string) =>
          `<${new URL(`/v3/ips?limit=${limit}&offset=${offset}`, url).href}>; rel="${rel}"`
        const links = [link(0, 'first'), ...(next === null ? [] : [link(next, 'next')])]
        return { ...page, headers: { Link: links.join(', ') } }
      },
      startWarmup: async ({ request }) => db.startWarmup(await jsonBody(request)),
      stopWarmup: ({ params }) => db.stopWarmup(param(params.ip_address)),
      listReverseDns: ({ request }) => db.listReverseDns(pageOf(request)),
      validateReverseDns: ({ params }) => db.validateReverseDns(param(params.id)),
      listSubusers: ({ request }) => db.listSubusers(pageOf(request)),
      setSubuserIps: async ({ params, request }) =>
        db.setSubuserIps(param(params.subuser_name), await jsonBody(request)),
      listWebhooks: () => db.listWebhooks(),
      createWebhook: async ({ request }) => db.createWebhook(await jsonBody(request)),
      getWebhookKey: ({ params }) => db.getWebhookKey(param(params.id)),
      signWebhook: async ({ params, request }) => db.signWebhook(param(params.id), await jsonBody(request)),
      testWebhook: async ({ request }) => db.testWebhook(await jsonBody(request)),
    }

  const sendGrid = SENDGRID_ROUTES.map((route) =>
    http[METHOD[route.method]](`*${route.path.replace(/\{(\w+)\}/g, ':$1')}`, async ({ params, request }) => {
      await pause()
      const fields = route.method === 'GET' || route.method === 'DELETE' ? {} : await jsonBody(request.clone())
      const answer = await answers[route.id]({ params, request })
      // The journal the dashboard's server keeps, kept here for the demo.
      const stringParams = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, param(value)]))
      const change = describeChange(
        route.id,
        stringParams,
        Array.isArray(fields) ? { ips: fields } : isRecord(fields) ? fields : {},
      )
      if (change) {
        const message = answer.status < 400 ? undefined : sendGridMessage(JSON.stringify(answer.body ?? null))
        // A fix made from an alert names its incident, as the server's journal does.
        const incident = incidentOf(Object.fromEntries(request.headers))
        const apply = request.headers.get(DEMO_APPLY_HEADER)
        db.record({
          user: DEMO_USER,
          ...change,
          ...(incident ? { incident } : {}),
          ...(apply ? { apply } : {}),
          status: answer.status,
          ok: answer.status < 400,
          ...(message ? { message } : {}),
        })
      }
      return respond(answer)
    }),
  )

  // The dashboard's own server: who is signed in (nobody, in a demo) and the activity journal.
  const dashboardServer = [
    http.get('*/proxy/status', () =>
      HttpResponse.json({
        keyOnServer: true,
        apiHost: 'demo',
        session: { signInRequired: false, user: null, role: 'local' },
      }),
    ),
    http.get('*/api/activity', async ({ request }) => {
      await pause()
      const query = new URL(request.url).searchParams
      return respond(
        db.activity({
          pool: query.get('pool') ?? undefined,
          user: query.get('user') ?? undefined,
          before: query.get('before') ?? undefined,
          limit: query.get('limit') ? Number(query.get('limit')) : undefined,
        }),
      )
    }),
    http.get('*/api/delivery', async ({ request }) => {
      await pause()
      const query = new URL(request.url).searchParams
      const range = rangeOf(query.get('range'))
      const pool = query.get('pool')
      const ip = query.get('ip')
      return respond(db.delivery(pool !== null ? { pool } : { ip: ip ?? '' }, range))
    }),
    http.get(`*${WEBHOOK_STATUS_PATH}`, async ({ request }) => {
      await pause()
      return respond(db.webhookStatus(new URL(EVENTS_PATH, request.url).href))
    }),
    http.put(`*${WEBHOOK_STATUS_PATH}`, async ({ request }) => {
      await pause()
      return respond(db.connectWebhook(await jsonBody(request), DEMO_USER))
    }),
    http.get('*/api/delivery/totals', async ({ request }) => {
      await pause()
      const query = new URL(request.url).searchParams
      return respond(db.deliveryTotals(query.get('by') === 'ip' ? 'ip' : 'pool', rangeOf(query.get('range'))))
    }),
  ]
  const alerts = [
    http.get(`*${ALERTS_PATH}`, async ({ request }) => {
      await pause()
      const query = new URL(request.url).searchParams
      return respond(db.alerts({ pool: query.get('pool') ?? undefined, ip: query.get('ip') ?? undefined }))
    }),
    http.post(`*${ALERTS_PATH}/rules`, async ({ request }) => respond(db.saveRule(undefined, await jsonBody(request)))),
    http.put(`*${ALERTS_PATH}/rules/:id`, async ({ params, request }) =>
      respond(db.saveRule(param(params.id), await jsonBody(request))),
    ),
    http.delete(`*${ALERTS_PATH}/rules/:id`, ({ params }) => respond(db.deleteRule(param(params.id)))),
    http.post(`*${ALERTS_PATH}/incidents/:id/acknowledge`, ({ params }) => respond(db.acknowledge(param(params.id)))),
    http.put(`*${ALERTS_PATH}/mutes`, async ({ request }) => respond(db.mute(recordOf(await jsonBody(request))))),
    http.delete(`*${ALERTS_PATH}/mutes`, async ({ request }) => respond(db.unmute(recordOf(await jsonBody(request))))),
    http.post(`*${ALERTS_PATH}/channels`, async ({ request }) => respond(db.saveChannel(await jsonBody(request)))),
    http.delete(`*${ALERTS_PATH}/channels/:id`, ({ params }) => respond(db.deleteChannel(param(params.id)))),
    http.post(`*${ALERTS_PATH}/channels/:id/test`, () => respond(db.testChannel())),
  ]
  return [...sendGrid, ...dashboardServer, ...alerts, ...layoutHandlers(db, () => sendGrid)]
}

/** The layout's part of the dashboard's server (/api/layout/*, /api/tokens), over the fake SendGrid's own handlers. */
function layoutHandlers(db: Db, sendGrid: () => readonly RequestHandler[]) {
  const layout = demoLayout(db, sendGrid)
  return [
    http.get(`*${LAYOUT_PATH}`, async ({ request }) =>
      respond(await layout.exportLayout(new URL(request.url).searchParams.get('context') === 'true')),
    ),
    http.post(`*${LAYOUT_PLAN_PATH}`, async ({ request }) => respond(await layout.plan(await jsonBody(request)))),
    http.get(`*${LAYOUT_DRIFT_PATH}`, async () => respond(await layout.drift())),
    http.get(`*${LAYOUT_APPLIES_PATH}`, () => respond(layout.listApplies())),
    http.get(`*${LAYOUT_APPLIES_PATH}/:id`, ({ params }) => respond(layout.readApply(param(params.id)))),
    http.post(`*${LAYOUT_APPLIES_PATH}`, async ({ request }) => respond(await layout.apply(await jsonBody(request)))),
    http.post(`*${LAYOUT_APPLIES_PATH}/:id/undo`, async ({ params }) => respond(await layout.undo(param(params.id)))),
    http.get(`*${TOKENS_PATH}`, () =>
      HttpResponse.json({
        tokens: [],
        unavailable:
          'Access tokens let a pipeline plan and apply layouts on a dashboard server (npm run serve); the demo makes none.',
      }),
    ),
  ]
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const recordOf = (value: unknown): Record<string, string> => (isRecord(value) ? (value as Record<string, string>) : {})

const rangeOf = (value: string | null): Range => (value === '24h' || value === '30d' ? value : '7d')
