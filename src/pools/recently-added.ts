/**
 * IPs this browser added to a pool within the last minute. SendGrid says a new member "may take up to 60 seconds"
 * to be listed, so a re-read in that minute may leave it out: the pages show it anyway, marked "Added just now".
 * Kept in the query cache (never fetched), so it lives and dies with the app's other data.
 */
import { queryOptions, skipToken, type QueryClient } from '@tanstack/react-query'
import { poolNotes } from './notes'

const SETTLE_MS = 60_000

export interface RecentAddition {
  pool: string
  ip: string
}

export const recentlyAddedQuery = () =>
  queryOptions({
    queryKey: poolNotes.recentlyAdded(),
    queryFn: skipToken,
    initialData: [] as RecentAddition[],
    staleTime: Infinity,
    gcTime: Infinity,
  })

const same = (a: RecentAddition, b: RecentAddition) => a.pool === b.pool && a.ip === b.ip

function update(queryClient: QueryClient, change: (list: RecentAddition[]) => RecentAddition[]) {
  queryClient.setQueryData(recentlyAddedQuery().queryKey, (list = []) => change(list))
}

/** Notes IPs just added to a pool, each forgotten once SendGrid has had its minute to list it. */
export function noteAdded(queryClient: QueryClient, pool: string, ips: readonly string[]) {
  const added = ips.map((ip) => ({ pool, ip }))
  update(queryClient, (list) => [...list.filter((r) => !added.some((a) => same(a, r))), ...added])
  setTimeout(() => update(queryClient, (list) => list.filter((r) => !added.some((a) => same(a, r)))), SETTLE_MS)
}

/** An IP taken out of a pool is no longer one to show there. */
export function noteRemoved(queryClient: QueryClient, pool: string, ip: string) {
  update(queryClient, (list) => list.filter((r) => !same(r, { pool, ip })))
}
