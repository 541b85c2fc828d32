import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { ipQueries } from '../ips'
import { recentlyAddedQuery, type RecentAddition } from './recently-added'

const NONE_RECENT: RecentAddition[] = []

/**
 * Which pools each IP is in: the account's inventory as SendGrid lists it, with the IPs added from here in the last
 * minute (which SendGrid may not list yet). Undefined until the inventory has loaded. The pool page's "Also in" and
 * the Move dialog's choice of pools both read it.
 */
export function usePoolMembership() {
  const inventory = useQuery(ipQueries.list())
  const recent = useQuery(recentlyAddedQuery()).data ?? NONE_RECENT
  const poolsOf = useMemo(() => {
    if (!inventory.data) return undefined
    const pools = new Map(inventory.data.map((ip) => [ip.ip, ip.pools]))
    for (const { pool, ip } of recent) {
      const listed = pools.get(ip) ?? []
      if (!listed.includes(pool)) pools.set(ip, [...listed, pool])
    }
    return pools as ReadonlyMap<string, readonly string[]>
  }, [inventory.data, recent])
  return { poolsOf, recent }
}
