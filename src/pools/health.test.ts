import { accountIp } from '../test/fixtures'
import { emptyTotals } from '../shared/delivery'
import { healthBadge, poolHealth, withIpFlags } from './health'

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

describe('withIpFlags', () => {
  const summary = (flags: string[] = []) => ({ totals: { ...emptyTotals(), processed: 5000, delivered: 5000 }, flags })

  it("puts each IP's flags on every pool it is in, named by the IP, after the pool's own", () => {
    const pools = { marketing: summary(), transactional: summary(['Bounced 6.0 %']), quiet: summary() }
    const ips = { '198.51.100.20': summary(['Deferred 14.0 % at Microsoft']), '198.51.100.21': summary() }
    const inventory = [ip('198.51.100.20', ['marketing', 'transactional']), ip('198.51.100.21', ['quiet'])]
    const flagged = withIpFlags(pools, ips, inventory)
    expect(flagged.marketing?.flags).toEqual(['198.51.100.20: Deferred 14.0 % at Microsoft'])
    expect(flagged.transactional?.flags).toEqual(['Bounced 6.0 %', '198.51.100.20: Deferred 14.0 % at Microsoft'])
    expect(flagged.quiet?.flags).toEqual([])
  })

  it("shows the pools' own flags while the IPs' figures or the inventory are still loading", () => {
    const pools = { transactional: summary(['Bounced 6.0 %']) }
    expect(withIpFlags(pools, undefined, [ip('198.51.100.20', ['transactional'])])).toEqual(pools)
    expect(withIpFlags(pools, { '198.51.100.20': summary(['Spam 0.20 %']) }, undefined)).toEqual(pools)
  })
})
