import { readFileSync } from 'node:fs'
import { CONTRACT_SPECS } from '../e2e/servers/contract-spec'
import { SENDGRID_ROUTES, fillPath } from '../src/shared/sendgrid-routes.ts'
import { matchRequest } from './match-request.ts'
import { DISGUISED_TARGETS } from './testing'

const SPECS = CONTRACT_SPECS.map(
  (file) => JSON.parse(readFileSync(`e2e/fixtures/${file}`, 'utf8')) as { paths: Record<string, object> },
)

describe('the route table', () => {
  it('lists only calls that SendGrid documents, with the method it documents', () => {
    for (const route of SENDGRID_ROUTES) {
      const documented = SPECS.find((spec) => route.path in spec.paths)?.paths[route.path]
      expect(documented, route.path).toBeDefined()
      expect(Object.keys(documented!), `${route.method} ${route.path}`).toContain(route.method.toLowerCase())
    }
  })

  it('names each call once', () => {
    const keys = SENDGRID_ROUTES.map((route) => `${route.method} ${route.path}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(new Set(SENDGRID_ROUTES.map((route) => route.id)).size).toBe(SENDGRID_ROUTES.length)
  })
})

describe('fillPath', () => {
  it('encodes each value as exactly one path segment', () => {
    expect(fillPath('/v3/ips/pools/{pool_name}', { pool_name: 'Test Pool' })).toBe('/v3/ips/pools/Test%20Pool')
    expect(fillPath('/v3/ips/pools/{pool_name}/ips/{ip}', { pool_name: 'a/b?c#d%e', ip: '2001:db8::1' })).toBe(
      '/v3/ips/pools/a%2Fb%3Fc%23d%25e/ips/2001%3Adb8%3A%3A1',
    )
    expect(fillPath('/v3/ips/pools/{pool_name}', { pool_name: 'Ünïcode' })).toBe('/v3/ips/pools/%C3%9Cn%C3%AFcode')
    expect(fillPath('/v3/ips', {}, { limit: 500, offset: 0 })).toBe('/v3/ips?limit=500&offset=0')
  })

  it('refuses a template whose segment has no value', () => {
    expect(() => fillPath('/v3/ips/pools/{pool_name}', {})).toThrow(/pool_name/)
  })
})

describe('matchRequest', () => {
  it.each(DISGUISED_TARGETS)('refuses %s %s', (method, target) => {
    const match = matchRequest(method, target)
    expect(match.ok).toBe(false)
  })

  it.each([
    ['EU / promo #1?', '/v3/ips/pools/EU%20%2F%20promo%20%231%3F'],
    ['100% "quoted"', '/v3/ips/pools/100%25%20%22quoted%22'],
    ['Ünïcødé 日本', '/v3/ips/pools/%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20%E6%97%A5%E6%9C%AC'],
    ['a%2Fb', '/v3/ips/pools/a%252Fb'],
    ['a\\b', '/v3/ips/pools/a%5Cb'],
    ['...', '/v3/ips/pools/...'],
    ["it's (new)!", "/v3/ips/pools/it's%20(new)!"],
  ])('accepts the pool "%s" and sends it encoded once, as it came', (name, target) => {
    const match = matchRequest('GET', target)
    expect(match).toMatchObject({ ok: true, params: { pool_name: name }, path: target })
  })

  it('sends a differently encoded name in its one canonical form', () => {
    expect(matchRequest('GET', '/v3/ips/pools/%61%2fb')).toMatchObject({ ok: true, path: '/v3/ips/pools/a%2Fb' })
  })

  it('keeps only the query parameters a call takes, in the table order', () => {
    expect(matchRequest('GET', '/v3/ips?offset=500&limit=500')).toMatchObject({
      ok: true,
      path: '/v3/ips?limit=500&offset=500',
    })
  })

  it('says 404 for a call the dashboard does not make and 405 with the methods for a wrong method', () => {
    expect(matchRequest('GET', '/v3/mail/send')).toMatchObject({ ok: false, status: 404 })
    expect(matchRequest('PATCH', '/v3/ips/pools/a')).toMatchObject({
      ok: false,
      status: 405,
      allow: ['GET', 'PUT', 'DELETE'],
    })
    expect(matchRequest('GET', '/v3/ips/pools/..%2Fx')).toMatchObject({ ok: false, status: 400 })
  })
})
