/** How each pool stands, counted from the account's IP inventory: one read for all pools, never one per pool. */
import type { AccountIp } from '../ips'
import type { DeliverySummary } from '../shared/delivery'

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

/**
 * Each pool's delivery summary with what needs a look at its IPs too ("198.51.100.20: Deferred 14.0 % at
 * Microsoft"): one IP, or one mailbox provider at one IP, can be in trouble while the pool's average looks fine, and
 * the list is where a person starts. An IP's flags are of all its mail, through whichever pools.
 */
export function withIpFlags(
  pools: Readonly<Record<string, DeliverySummary>>,
  ips: Readonly<Record<string, DeliverySummary>> | undefined,
  inventory: readonly AccountIp[] | undefined,
): Record<string, DeliverySummary> {
  if (!ips || !inventory) return { ...pools }
  const ipFlags = new Map<string, string[]>()
  for (const { ip, pools: memberOf } of inventory) {
    const flags = ips[ip]?.flags ?? []
    if (flags.length === 0) continue
    for (const pool of memberOf)
      ipFlags.set(pool, [...(ipFlags.get(pool) ?? []), ...flags.map((flag) => `${ip}: ${flag}`)])
  }
  return Object.fromEntries(
    Object.entries(pools).map(([name, summary]) => [
      name,
      ipFlags.has(name) ? { ...summary, flags: [...summary.flags, ...ipFlags.get(name)!] } : summary,
    ]),
  )
}
