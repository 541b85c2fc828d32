import { accountIp } from '../test/fixtures'
import { healthBadge, poolHealth } from './health'

const ip = (address: string, pools: string[], warmup = false) => accountIp(address, { pools, warmup })

describe('poolHealth', () => {
  it('counts each pool’s IPs and how many are warming, an IP in two pools counting in both', () => {
    const health = poolHealth([
      ip('192.0.2.1', ['a', 'b']),
      ip('192.0.2.2', ['a'], true),
      ip('192.0.2.3', ['b'], true),
      ip('192.0.2.4', []),
    ])
    expect(health.get('a')).toEqual({ ips: 2, warming: 1 })
    expect(health.get('b')).toEqual({ ips: 2, warming: 1 })
    expect(health.get('c')).toBeUndefined()
  })
})

describe('healthBadge', () => {
  it('flags an empty pool and one whose IPs are all warming up', () => {
    expect(healthBadge({ ips: 0, warming: 0 })).toBe('Empty')
    expect(healthBadge({ ips: 3, warming: 3 })).toBe('All warming up')
    expect(healthBadge({ ips: 3, warming: 1 })).toBeNull()
  })
})
