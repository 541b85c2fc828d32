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
  it('reads pages, a few at a time, until one comes back short, keeping every IP once', async () => {
    const total = ACCOUNT_IPS_PAGE_SIZE * 5 + 3
    const offsets: number[] = []
    server.use(
      http.get('*/v3/ips', ({ request }) => {
        const query = new URL(request.url).searchParams
        const offset = Number(query.get('offset'))
        const limit = Number(query.get('limit'))
        offsets.push(offset)
        const page = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
          ip: `10.0.${Math.floor((offset + i) / 256)}.${(offset + i) % 256}`,
          pools: [],
          warmup: false,
          start_date: null,
        }))
        return HttpResponse.json(page)
      }),
    )
    const ips = await listAccountIps()
    expect(ips).toHaveLength(total)
    expect(new Set(ips.map(({ ip }) => ip)).size).toBe(total)
    // Two rounds of four pages: the sixth page is short, so no third round is asked for.
    expect(offsets.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => i * ACCOUNT_IPS_PAGE_SIZE))
  })

  it('stops after an empty page when the total is an exact multiple of the page size', async () => {
    let calls = 0
    server.use(
      http.get('*/v3/ips', () => {
        calls += 1
        return HttpResponse.json(
          calls === 1
            ? Array.from({ length: ACCOUNT_IPS_PAGE_SIZE }, (_, i) => ({ ip: `10.1.${i >> 8}.${i & 255}` }))
            : [],
        )
      }),
    )
    const ips = await listAccountIps()
    expect(ips).toHaveLength(ACCOUNT_IPS_PAGE_SIZE)
    expect(ips[0]).toEqual(accountIp('10.1.0.0'))
    expect(calls).toBe(ACCOUNT_IPS_PAGES_AT_ONCE)
  })
})
