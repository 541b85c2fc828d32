import { HttpResponse, http } from 'msw'
import { ACCOUNT_IPS_PAGES_AT_ONCE } from '../shared/paging'
import { ACCOUNT_IPS_PAGE_SIZE } from '../shared/account-ips-paging'
import { firstReadPath } from '../shared/first-read'
import { server } from '../mocks/node'
import { accountIp } from '../test/fixtures'
import { listAccountIps } from './api'

describe('listAccountIps', () => {
  it('asks first for the very URL the production server preloads with the IP addresses page', async () => {
    const asked: string[] = []
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url)
      if (url.pathname === '/v3/ips') asked.push(url.pathname + url.search)
    })
    await listAccountIps()
    expect(asked[0]).toBe(firstReadPath('/ips'))
  })

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
