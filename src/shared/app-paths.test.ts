import { poolNameFromPath, poolPath } from './app-paths'

describe('pool addresses', () => {
  it.each(['transactional', 'Product updates', 'EU / promo #1?', '100% "quoted"', 'a%2Fb', 'Ünïcødé 日本', '<b>x</b>'])(
    'round-trips %j',
    (name) => {
      expect(poolNameFromPath(poolPath(name))).toBe(name)
    },
  )

  it('encodes the name as one path segment', () => {
    expect(poolPath('EU / promo #1?')).toBe('/pools/EU%20%2F%20promo%20%231%3F')
  })

  it('keeps a malformed escape as it was typed', () => {
    expect(poolNameFromPath('/pools/%E0%A4%A')).toBe('%E0%A4%A')
  })
})
