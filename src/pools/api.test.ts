import { HttpResponse, http } from 'msw'
import { server } from '../mocks/node'
import { accountIp } from '../test/fixtures'
import {
  ACCOUNT_IPS_PAGE_SIZE,
  ACCOUNT_IPS_PAGES_AT_ONCE,
  getPool,
  listAccountIps,
  normalisePoolIp,
  removeIpFromPool,
} from './api'

describe('normalisePoolIp', () => {
  it('accepts the bare address the spec documents', () => {
    expect(normalisePoolIp('192.0.2.1')).toEqual({ ip: '192.0.2.1', warmup: null, startDate: null })
  })

  it('accepts the object the live API sends', () => {
    expect(normalisePoolIp({ ip: '192.0.2.1', start_date: 1700000000, warmup: true })).toEqual({
      ip: '192.0.2.1',
      warmup: true,
      startDate: 1700000000,
    })
    expect(normalisePoolIp({ ip: '192.0.2.2', start_date: null, warmup: false })).toEqual({
      ip: '192.0.2.2',
      warmup: false,
      startDate: null,
    })
  })
})

describe('getPool', () => {
  it('asks for the pool by its encoded name and normalises a mix of IP shapes', async () => {
    let path = ''
    server.use(
      http.get('*/v3/ips/pools/:name', ({ request }) => {
        path = new URL(request.url).pathname
        return HttpResponse.json({
          pool_name: 'EU / promo #1',
          ips: ['192.0.2.1', { ip: '192.0.2.2', start_date: null, warmup: false }],
        })
      }),
    )
    const pool = await getPool('EU / promo #1')
    expect(path).toBe('/v3/ips/pools/EU%20%2F%20promo%20%231')
    expect(pool).toEqual({
      name: 'EU / promo #1',
      ips: [
        { ip: '192.0.2.1', warmup: null, startDate: null },
        { ip: '192.0.2.2', warmup: false, startDate: null },
      ],
    })
  })

  it('treats a missing ips field as an empty pool', async () => {
    server.use(http.get('*/v3/ips/pools/:name', () => HttpResponse.json({ pool_name: 'empty' })))
    await expect(getPool('empty')).resolves.toEqual({ name: 'empty', ips: [] })
  })
})

describe('removeIpFromPool', () => {
  it('encodes an IPv6 address as a path segment', async () => {
    let path = ''
    server.use(
      http.delete('*/v3/ips/pools/:name/ips/:ip', ({ request }) => {
        path = new URL(request.url).pathname
        return new HttpResponse(null, { status: 204 })
      }),
    )
    await removeIpFromPool('Test Pool', '2001:db8::1')
    expect(path).toBe('/v3/ips/pools/Test%20Pool/ips/2001%3Adb8%3A%3A1')
  })
})

describe('listAccountIps', () => {
  it('reads a server that gives 200 a page whatever the limit, without Link headers, to its last IP', async () => {
    const total = 1203
    const asked: string[] = []
    server.use(
      http.get('*/v3/ips', ({ request }) => {
        const query = new URL(request.url).searchParams
        asked.push(`${query.get('limit')}@${query.get('offset')}`)
        const offset = Number(query.get('offset'))
        const page = Array.from({ length: Math.max(0, Math.min(200, total - offset)) }, (_, i) => ({
          ip: `10.0.${Math.floor((offset + i) / 256)}.${(offset + i) % 256}`,
        }))
        return HttpResponse.json(page)
      }),
    )
    const ips = await listAccountIps()
    expect(ips).toHaveLength(total)
    expect(new Set(ips.map(({ ip }) => ip)).size).toBe(total)
    expect(ips[0]).toEqual(accountIp('10.0.0.0'))
    // Always the full limit asked for; offsets advanced by the 200 that came back, and from 1203 after the short
    // page at 1200, until a page came back empty.
    expect(asked.every((a) => a.startsWith(`${ACCOUNT_IPS_PAGE_SIZE}@`))).toBe(true)
    expect(asked.map((a) => Number(a.split('@')[1])).sort((a, b) => a - b)).toEqual([
      0, 200, 400, 600, 800, 1000, 1200, 1203, 1400, 1403, 1600, 1603, 1800, 1803, 2000, 2003,
    ])
  })

  it("reads the sample account in one request, as SendGrid's Link header names no next page", async () => {
    let calls = 0
    server.events.on('request:start', ({ request }) => {
      if (new URL(request.url).pathname === '/v3/ips') calls += 1
    })
    const ips = await listAccountIps()
    expect(ips.length).toBeGreaterThan(20)
    expect(calls).toBe(1)
    expect(ACCOUNT_IPS_PAGES_AT_ONCE).toBeGreaterThan(1)
  })
})
