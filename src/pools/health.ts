/** How each pool stands, counted from the account's IP inventory: one read for all pools, never one per pool. */
import type { AccountIp } from '../ips'

export interface PoolHealth {
  ips: number
  warming: number
}

export function poolHealth(inventory: readonly AccountIp[]): Map<string, PoolHealth> {
  const health = new Map<string, PoolHealth>()
  for (const ip of inventory) {
    for (const pool of ip.pools) {
      const counts = health.get(pool) ?? { ips: 0, warming: 0 }
      counts.ips += 1
      if (ip.warmup) counts.warming += 1
      health.set(pool, counts)
    }
  }
  return health
}

type HealthBadge = 'Empty' | 'All warming up'

/** What deserves a second look: a pool with no IP sends nothing; one whose IPs are all warming sends little. */
export function healthBadge({ ips, warming }: PoolHealth): HealthBadge | null {
  if (ips === 0) return 'Empty'
  if (warming === ips) return 'All warming up'
  return null
}
