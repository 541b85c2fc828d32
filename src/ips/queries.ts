/** The IPs' cache: one key factory with the query options beside each key, and the changes made to IPs. */
import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query'
import { refreshInBackground, refreshWhatShowsWarmup, writeQuery } from '../lib/cache-writes'
import { waitingOutRateLimits } from '../lib/rate-limits'
import {
  listAccountIps,
  listReverseDns,
  listSubusers,
  setSubuserIps,
  startWarmup,
  stopWarmup,
  validateReverseDns,
  type AccountIp,
} from './api'

export const ipQueries = {
  all: () => ['ips'] as const,
  /** Every IP on the account with its pools, warmup, reverse DNS name and subusers: the inventory. */
  list: () =>
    queryOptions({
      queryKey: [...ipQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => listAccountIps(signal),
    }),
  reverseDns: () =>
    queryOptions({
      queryKey: [...ipQueries.all(), 'reverse-dns'] as const,
      queryFn: ({ signal }) => listReverseDns(signal),
    }),
  subusers: () =>
    queryOptions({
      queryKey: [...ipQueries.all(), 'subusers'] as const,
      queryFn: ({ signal }) => listSubusers(signal),
      staleTime: 5 * 60_000,
    }),
}

const inventoryKey = ipQueries.list().queryKey

/**
 * Writes a change's effect on IPs' pool lists into the inventory, as the IP addresses page shows it. An IP whose list
 * `edit` returns as it was keeps its identity, so the other thousands' rows are not drawn again.
 */
export const editPoolLists = (queryClient: QueryClient, edit: (pools: string[], ip: string) => string[]) =>
  writeQuery(queryClient, inventoryKey, (ips) =>
    ips?.map((entry) => {
      const pools = edit(entry.pools, entry.ip)
      return pools === entry.pools ? entry : { ...entry, pools }
    }),
  )

/** An IP's warmup started or stopped, from an alert's incident if it names one. */
type WarmupChange = { ip: string; incident?: string }

/** Warmup changes an IP everywhere it shows: the inventory, and every read marked as showing warmup (a pool's page). */
export const ipChanges = {
  startWarmup: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: ({ ip }: WarmupChange) => startWarmup(ip),
      onSuccess: () => {
        refreshInBackground(queryClient, inventoryKey)
        refreshWhatShowsWarmup(queryClient)
      },
    }),
  stopWarmup: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: ({ ip, incident }: WarmupChange) => stopWarmup(ip, incident),
      onSuccess: () => {
        refreshInBackground(queryClient, inventoryKey)
        refreshWhatShowsWarmup(queryClient)
      },
    }),
  validateReverseDns: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: (id: number) => validateReverseDns(id),
      onSuccess: () => refreshInBackground(queryClient, ipQueries.reverseDns().queryKey),
    }),
  /**
   * Which subusers an IP serves. SendGrid only replaces a subuser's whole list, so each list is read again, checked
   * against the one this page showed (`seen`), changed by this IP and written back; a list changed elsewhere in the
   * meantime stops the save before anything is written, and says so.
   */
  setSubusers: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: async ({
        ip,
        serves,
        seen,
      }: {
        ip: string
        serves: Record<string, boolean>
        seen: readonly AccountIp[]
      }) => {
        const fresh = await listAccountIps()
        const changes = Object.entries(serves).filter(([subuser, serve]) => ipsOf(seen, subuser).includes(ip) !== serve)
        for (const [subuser] of changes) {
          const now = ipsOf(fresh, subuser)
          if (!sameList(now, ipsOf(seen, subuser))) {
            queryClient.setQueryData(inventoryKey, fresh)
            throw new ListChangedError(subuser, now)
          }
        }
        for (const [subuser, serve] of changes) {
          const now = ipsOf(fresh, subuser)
          await waitingOutRateLimits(() => setSubuserIps(subuser, serve ? [...now, ip] : now.filter((x) => x !== ip)))
        }
        return changes.length
      },
      onSuccess: () => refreshInBackground(queryClient, inventoryKey),
    }),
}

/** A subuser's list of IPs changed between reading it and writing it back: nothing was written for it. */
export class ListChangedError extends Error {
  constructor(
    readonly subuser: string,
    readonly now: readonly string[],
  ) {
    super(
      `The IPs of ${subuser} were changed elsewhere since this page loaded (now ${now.join(', ') || 'none'}). ` +
        'Nothing was saved: check the choices and save again.',
    )
    this.name = 'ListChangedError'
  }
}

const ipsOf = (inventory: readonly AccountIp[], subuser: string) =>
  inventory.filter((ip) => ip.subusers.includes(subuser)).map((ip) => ip.ip)

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n')
