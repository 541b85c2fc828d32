import { firstRead, firstReadPath } from './first-read'

describe('the read a page starts with', () => {
  it('is the pool list at the root and at /pools, the inventory at /ips', () => {
    expect(firstRead('/')).toEqual({ of: 'pools' })
    expect(firstRead('/pools')).toEqual({ of: 'pools' })
    expect(firstRead('/ips')).toEqual({ of: 'ips' })
  })

  it("is a pool's detail at its address, its name decoded from the one segment", () => {
    expect(firstRead('/pools/EU%20%2F%20promo')).toEqual({ of: 'pool', name: 'EU / promo' })
  })

  it('is nothing where the app shows no such page, or the address names no pool', () => {
    for (const pathname of ['/activity', '/pools/', '/pools/a/b', '/pools/%E0%A4%A', '/ips/198.18.0.1', '/poolsx']) {
      expect(firstRead(pathname)).toBeUndefined()
    }
  })

  it("is preloaded from the URL the app asks for; of the account's IPs, the first page", () => {
    expect(firstReadPath('/pools')).toBe('/v3/ips/pools')
    expect(firstReadPath('/pools/EU%20%2F%20promo%20%231%3F')).toBe('/v3/ips/pools/EU%20%2F%20promo%20%231%3F')
    expect(firstReadPath('/ips')).toBe('/v3/ips?limit=1000&offset=0')
    expect(firstReadPath('/activity')).toBeUndefined()
  })
})
