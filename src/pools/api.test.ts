import { HttpResponse, http } from 'msw'
import { server } from '../mocks/node'
import { getPool, normalisePoolIp, removeIpFromPool } from './api'

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
