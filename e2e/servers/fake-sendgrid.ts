/**
 * A stateful fake SendGrid over HTTP, for the live-mode tests: the demo's own rules and seed data behind the real
 * proxy. Each API key gets its own account, so tests running side by side never meet, and a key's name picks how
 * the account misbehaves:
 *   SG.refused…          every call answers 401, in SendGrid's words
 *   SG.readonly.…        read scopes only; changes answer 403 "access forbidden", as the older API does
 *   SG.scopeless.…       every scope listed, yet changes answer the newer API's 401 "missing required scope"
 *   SG.ratelimited.…     the first read of the pool list answers 429 with X-RateLimit-Reset two seconds ahead
 *   SG.flaky.…           the first three reads of the pool list answer 500
 *   SG.down.…            the connection is dropped, as an unreachable SendGrid would
 *   SG.capped.…          1,200 IPs, given at most 200 a page whatever the limit, with no Link headers
 *   anything else        a full-access account
 * Run: tsx e2e/servers/fake-sendgrid.ts PORT
 */
import { createServer } from 'node:http'
import { toFetchRequest, writeResponse } from './fake-account'
import { HttpResponse, getResponse } from 'msw'
import { ALL_IP_SCOPES, createDb, memoryStore, type DemoState } from '../../src/mocks/db'
import { createHandlers } from '../../src/mocks/handlers'
import { largeSeedState } from '../../src/mocks/seed'

const port = Number(process.argv[2] ?? 4180)
const READ_SCOPES = ALL_IP_SCOPES.filter((scope) => scope.endsWith('.read'))
const WRITE_SCOPE: Record<string, string> = { POST: 'create', PUT: 'update', DELETE: 'delete' }

interface Account {
  handlers: ReturnType<typeof createHandlers>
  poolListReads: number
}
const accounts = new Map<string, Account>()

/** The large sample cut to its first `count` IPs, for an account of a given size. */
function accountOfSize(count: number): DemoState {
  const state = largeSeedState()
  const ips = state.ips.slice(0, count)
  const kept = new Set(ips.map((ip) => ip.ip))
  return { ...state, ips, pools: state.pools.map((pool) => ({ ...pool, ips: pool.ips.filter((ip) => kept.has(ip)) })) }
}

function accountFor(key: string): Account {
  let account = accounts.get(key)
  if (!account) {
    const handlers = key.startsWith('SG.capped.')
      ? createHandlers(
          createDb(memoryStore(), () => accountOfSize(1200)),
          { ipsPageCap: 200, pagingLinks: false },
        )
      : createHandlers(createDb(memoryStore()))
    account = { handlers, poolListReads: 0 }
    accounts.set(key, account)
  }
  return account
}

const REFUSED = 'The provided authorization grant is invalid, expired, or revoked'

const sendGridError = (status: number, message: string, headers: Record<string, string> = {}) =>
  HttpResponse.json({ errors: [{ field: null, message, help: null }] }, { status, headers })

/** The scope a change needs, as the newer API names it. */
function scopeFor(method: string, pathname: string) {
  const verb = WRITE_SCOPE[method]
  if (pathname.startsWith('/v3/ips/warmup')) return `ips.warmup.${verb}`
  return /\/ips\/pools\/[^/]+\/ips/.test(pathname) ? `ips.pools.ips.${verb}` : `ips.pools.${verb}`
}

/** The scenario's answer where it departs from a healthy account, or undefined to let the fake backend answer. */
function misbehave(key: string, account: Account, request: Request): Response | undefined {
  const { pathname } = new URL(request.url)
  if (key.startsWith('SG.refused')) return sendGridError(401, REFUSED)
  if (key.startsWith('SG.readonly.')) {
    if (pathname === '/v3/scopes') return HttpResponse.json({ scopes: READ_SCOPES })
    if (WRITE_SCOPE[request.method]) return sendGridError(403, 'access forbidden')
  }
  if (key.startsWith('SG.scopeless.') && WRITE_SCOPE[request.method]) {
    return HttpResponse.json(
      { errors: [{ field: '', message: `missing required scope: ${scopeFor(request.method, pathname)}` }] },
      { status: 401 },
    )
  }
  if (request.method === 'GET' && pathname === '/v3/ips/pools') {
    account.poolListReads += 1
    if (key.startsWith('SG.ratelimited.') && account.poolListReads === 1) {
      const reset = String(Math.ceil(Date.now() / 1000) + 2)
      return sendGridError(429, 'too many requests', {
        'X-RateLimit-Limit': '10',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': reset,
      })
    }
    if (key.startsWith('SG.flaky.') && account.poolListReads <= 3) return sendGridError(500, 'internal server error')
  }
  return undefined
}

const server = createServer(async (req, res) => {
  const key = req.headers.authorization?.match(/^Bearer (\S+)$/)?.[1]
  if (!key) return writeResponse(res, sendGridError(401, REFUSED))
  if (key.startsWith('SG.down.')) return req.socket.destroy()
  const account = accountFor(key)
  const request = await toFetchRequest(req)
  const answer =
    misbehave(key, account, request) ??
    (await getResponse(account.handlers, request)) ??
    sendGridError(404, 'resource not found')
  await writeResponse(res, answer)
})

server.listen(port, '127.0.0.1', () => console.log(`fake SendGrid on http://127.0.0.1:${port}`))
process.on('SIGTERM', () => process.exit(0))
