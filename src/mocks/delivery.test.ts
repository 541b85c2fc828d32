import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { deliveryFigures } from '../shared/delivery'
import { createDb } from './db'
import { seedState } from './seed'
import type { DemoState } from './state'
import { demoStats, demoSummaries } from './delivery'

const NOW = Date.parse('2026-12-07T10:30:00Z')
const HOUR = 3_600_000

function demoAt(now: number) {
  let state: DemoState | null = seedState(now)
  const db = createDb({ load: () => state, save: (next) => (state = structuredClone(next)) })
  return { db, state: () => state! }
}

const sent = (stats: { totals: Parameters<typeof deliveryFigures>[0] }) => deliveryFigures(stats.totals).sent

describe('the demo’s delivery figures follow its own history', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
  })
  afterEach(() => vi.useRealTimers())

  it('a pool made now has sent nothing, even once IPs join it, until an hour has begun with them in it', () => {
    const { db, state } = demoAt(NOW)
    db.createPool({ name: 'fresh' })
    db.addIp('fresh', { ip: '192.0.2.11' })
    expect(sent(demoStats(state(), { pool: 'fresh' }, '7d', NOW))).toBe(0)
    expect(demoSummaries(state(), 'pool', '7d', NOW).of.fresh).toBeUndefined()
    const nextHour = NOW + HOUR
    expect(sent(demoStats(state(), { pool: 'fresh' }, '7d', nextHour))).toBeGreaterThan(0)
  })

  it('a pool without IPs sends nothing', () => {
    const { state } = demoAt(NOW)
    expect(sent(demoStats(state(), { pool: 'cold-outreach' }, '30d', NOW))).toBe(0)
    expect(demoSummaries(state(), 'pool', '30d', NOW).of['cold-outreach']).toBeUndefined()
  })

  it('an IP in two pools shares its mail between them, and the shares add up to its own figures', () => {
    const { state } = demoAt(NOW)
    const ip = sent(demoStats(state(), { ip: '198.51.100.22' }, '7d', NOW))
    const summaries = demoSummaries(state(), 'pool', '7d', NOW).of
    const others = (pool: string, without: string) =>
      state()
        .pools.find((candidate) => candidate.name === pool)!
        .ips.filter((address) => address !== without)
    const rest = (pool: string) =>
      others(pool, '198.51.100.22').reduce(
        (sum, address) => sum + sent(demoStats(state(), { ip: address }, '7d', NOW)),
        0,
      )
    expect(ip).toBeGreaterThan(0)
    // Product updates and marketing share 198.51.100.22; their own other IPs are in no other pool.
    const shared = sent(summaries['Product updates']!) - rest('Product updates')
    const sharedToo = sent(summaries.marketing!) - rest('marketing')
    expect(shared + sharedToo).toBe(ip)
    expect(Math.abs(shared - sharedToo)).toBeLessThan(ip * 0.01)
  })

  it('an IP that leaves a pool leaves its past mail there, and sends nothing while in no pool', () => {
    const { db, state } = demoAt(NOW)
    const before = sent(demoStats(state(), { pool: 'billing' }, '7d', NOW))
    const ipBefore = sent(demoStats(state(), { ip: '192.0.2.40' }, '7d', NOW))
    db.removeIp('billing', '192.0.2.40')
    const later = NOW + 3 * HOUR
    const pool = sent(demoStats(state(), { pool: 'billing' }, '7d', later))
    const ip = sent(demoStats(state(), { ip: '192.0.2.40' }, '7d', later))
    expect(ip).toBeGreaterThan(ipBefore * 0.5)
    expect(ip).toBeLessThan(ipBefore)
    expect(pool).toBeGreaterThan(before * 0.5)
    expect(pool).toBeLessThan(before * 1.1)
    expect(demoStats(state(), { pool: 'billing' }, '24h', later).series.at(-1)!.totals.processed).toBeLessThan(
      demoStats(state(), { pool: 'billing' }, '24h', later).series.at(-6)!.totals.processed,
    )
  })

  it('holds the sample’s honest problems: a warming IP deferred at Microsoft, yesterday’s bounces, Yahoo spam', () => {
    const { state } = demoAt(NOW)
    const pools = demoSummaries(state(), 'pool', '7d', NOW).of
    const ips = demoSummaries(state(), 'ip', '7d', NOW).of
    expect(state().ips.find((ip) => ip.ip === '198.51.100.23')?.warmup).toBe(true)
    expect(ips['198.51.100.23']?.flags).toEqual([expect.stringMatching(/^Deferred 1\d\.\d % at Microsoft$/)])
    expect(pools.billing?.flags).toEqual([expect.stringMatching(/^Bounced \d\.\d %$/)])
    expect(pools['eu-newsletters']?.flags).toEqual([expect.stringMatching(/^Spam 0\.\d\d % at Yahoo$/)])
    // Healthy pools stay healthy, so a flag means something.
    expect(pools.transactional?.flags).toEqual([])
    // Over 30 days, yesterday's spike is diluted below the threshold; over 24 hours it stands out.
    expect(demoSummaries(state(), 'pool', '30d', NOW).of.billing?.flags).toEqual([])
    expect(demoSummaries(state(), 'pool', '24h', NOW).of.billing?.flags).toEqual([
      expect.stringMatching(/^Bounced \d+\.\d %$/),
    ])
  })

  it('counts the current hour only as far as it has gone', () => {
    const { state } = demoAt(NOW)
    const series = demoStats(state(), { ip: '192.0.2.10' }, '24h', NOW).series
    const current = series.at(-1)!
    expect(current.start).toBe('2026-12-07T10:00:00.000Z')
    expect(current.totals.processed).toBeLessThan(series.at(-2)!.totals.processed * 0.75)
  })
})
