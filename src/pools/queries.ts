/** The cache: one key factory with the query options beside each key, and mutations that keep it correct. */
import {
  mutationOptions,
  queryOptions,
  useMutation,
  useQueryClient,
  type QueryClient,
  type UseMutationOptions,
} from '@tanstack/react-query'
import { useMemo } from 'react'
import { markStale, refreshInBackground, writeQuery } from '../lib/cache-writes'
import { ApiError } from '../lib/api-client'
import { addEach, moveIp } from './bulk'
import { noteHalfMove } from './halfMoves'
import { noteAdded, noteRemoved } from './recentlyAdded'
import {
  addIpToPool,
  createPool,
  deletePool,
  getPool,
  listAccountIps,
  listPoolNames,
  listReverseDns,
  listSubusers,
  removeIpFromPool,
  renamePool,
  setSubuserIps,
  startWarmup,
  stopWarmup,
  validateReverseDns,
  type AccountIp,
  type PoolDetail,
} from './api'
import { waitingOutRateLimits } from './bulk'

export const poolQueries = {
  all: () => ['pools'] as const,
  list: () =>
    queryOptions({
      queryKey: [...poolQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => listPoolNames(signal),
    }),
  /** Every pool's detail, for changes (such as warmup) that touch IPs in many pools. */
  details: () => [...poolQueries.all(), 'detail'] as const,
  detail: (name: string) =>
    queryOptions({
      queryKey: [...poolQueries.details(), name] as const,
      queryFn: ({ signal }) => getPool(name, signal),
    }),
}

export const accountQueries = {
  ips: () =>
    queryOptions({
      queryKey: ['ips', 'list'] as const,
      queryFn: ({ signal }) => listAccountIps(signal),
    }),
  reverseDns: () =>
    queryOptions({
      queryKey: ['ips', 'reverse-dns'] as const,
      queryFn: ({ signal }) => listReverseDns(signal),
    }),
  subusers: () =>
    queryOptions({
      queryKey: ['subusers', 'list'] as const,
      queryFn: ({ signal }) => listSubusers(signal),
      staleTime: 5 * 60_000,
    }),
}

/*
 * Each change is a set of mutation options: the hooks below use them in components, and a notification's Undo runs
 * them (through runMutation) after the dialog that made the change has closed. A change writes what its answer says
 * (writeQuery) and re-reads the rest in the background; its promise is the request alone.
 */

const inventoryKey = accountQueries.ips().queryKey

/**
 * Writes a change's effect on IPs' pool lists into the account's inventory, as the IP addresses page shows it. An IP
 * whose list `edit` returns as it was keeps its identity, so the other thousands' rows are not drawn again.
 */
const editPoolLists = (queryClient: QueryClient, edit: (pools: string[], ip: string) => string[]) =>
  writeQuery(queryClient, inventoryKey, (ips) =>
    ips?.map((entry) => {
      const pools = edit(entry.pools, entry.ip)
      return pools === entry.pools ? entry : { ...entry, pools }
    }),
  )

const writeMembers = (queryClient: QueryClient, pool: string, edit: (ips: PoolDetail['ips']) => PoolDetail['ips']) =>
  writeQuery(queryClient, poolQueries.detail(pool).queryKey, (detail) => detail && { ...detail, ips: edit(detail.ips) })

/** A 404 from a change means the pool (or the IP in it) went away elsewhere: re-read so the page shows that. */
function rereadWhenGone(queryClient: QueryClient, pool: string, error: unknown) {
  if (!(error instanceof ApiError) || error.status !== 404) return
  refreshInBackground(queryClient, poolQueries.detail(pool).queryKey, poolQueries.list().queryKey)
}

export const poolChanges = {
  create: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: (name: string) => createPool(name),
      onSuccess: async (name) => {
        await writeQuery(
          queryClient,
          poolQueries.list().queryKey,
          (names) => names && [...names.filter((n) => n !== name), name],
        )
        queryClient.setQueryData(poolQueries.detail(name).queryKey, { name, ips: [] })
        refreshInBackground(queryClient, poolQueries.list().queryKey)
      },
    }),

  rename: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: ({ name, newName }: { name: string; newName: string }) => renamePool(name, newName),
      onError: (error, { name }) => rereadWhenGone(queryClient, name, error),
      onSuccess: async (newName, { name }) => {
        const detail = queryClient.getQueryData(poolQueries.detail(name).queryKey)
        if (detail) queryClient.setQueryData(poolQueries.detail(newName).queryKey, { ...detail, name: newName })
        // The old name's entry goes stale rather than away: its page is on screen until the dialog navigates.
        markStale(queryClient, poolQueries.detail(name).queryKey)
        await Promise.all([
          writeQuery(queryClient, poolQueries.list().queryKey, (names) =>
            names?.map((n) => (n === name ? newName : n)),
          ),
          editPoolLists(queryClient, (pools) =>
            pools.includes(name) ? pools.map((n) => (n === name ? newName : n)) : pools,
          ),
        ])
        refreshInBackground(queryClient, poolQueries.list().queryKey, inventoryKey)
      },
    }),

  delete: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: (name: string) => deletePool(name),
      onError: (error, name) => rereadWhenGone(queryClient, name, error),
      onSuccess: async (_, name) => {
        markStale(queryClient, poolQueries.detail(name).queryKey)
        await Promise.all([
          writeQuery(queryClient, poolQueries.list().queryKey, (names) => names?.filter((n) => n !== name)),
          editPoolLists(queryClient, (pools) => (pools.includes(name) ? pools.filter((n) => n !== name) : pools)),
        ])
        refreshInBackground(queryClient, poolQueries.list().queryKey, inventoryKey)
      },
    }),

  /*
   * SendGrid says a new pool member "may take up to 60 seconds" to show: the cache takes the IP from the answer and
   * is marked stale without an immediate re-read that could drop it again.
   */
  addIps: (queryClient: QueryClient) =>
    mutationOptions({
      // Never throws: each IP's outcome is in the answer, for the dialog to report.
      mutationFn: ({ pool, ips }: { pool: string; ips: readonly string[] }) =>
        addEach(ips, (ip) => addIpToPool(pool, ip)),
      onSuccess: async (results, { pool }) => {
        const added = results.flatMap((result) => (result.value ? [result.value] : []))
        const addedIps = added.map((member) => member.ip)
        noteAdded(queryClient, pool, addedIps)
        await Promise.all([
          writeMembers(queryClient, pool, (ips) => [...ips.filter((m) => !addedIps.includes(m.ip)), ...added]),
          editPoolLists(queryClient, (pools, address) =>
            addedIps.includes(address) && !pools.includes(pool) ? [...pools, pool] : pools,
          ),
        ])
        for (const { error } of results) rereadWhenGone(queryClient, pool, error)
      },
    }),

  moveIp: (queryClient: QueryClient) =>
    mutationOptions({
      // Never throws: a move that went half way is an outcome to report, not an exception.
      mutationFn: (move: { ip: string; from: string; to: string; added?: boolean }) =>
        moveIp(move, { add: addIpToPool, remove: removeIpFromPool }),
      onSuccess: async (outcome, { ip, from, to }) => {
        if (outcome.status === 'not-moved') return
        const moved = outcome.status === 'moved'
        noteHalfMove(queryClient, { ip, from, to }, moved)
        noteAdded(queryClient, to, [ip])
        if (moved) noteRemoved(queryClient, from, ip)
        await Promise.all([
          moved && writeMembers(queryClient, from, (ips) => ips.filter((member) => member.ip !== ip)),
          editPoolLists(queryClient, (pools, address) =>
            address === ip ? [...pools.filter((n) => n !== to && (!moved || n !== from)), to] : pools,
          ),
        ])
        // The target's page lists the IP once SendGrid does; until then "Added just now" stands in for it.
        refreshInBackground(queryClient, poolQueries.detail(to).queryKey)
      },
    }),

  removeIp: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: ({ pool, ip }: { pool: string; ip: string }) => removeIpFromPool(pool, ip),
      onError: (error, { pool }) => rereadWhenGone(queryClient, pool, error),
      onSuccess: async (_, { pool, ip }) => {
        noteRemoved(queryClient, pool, ip)
        await Promise.all([
          writeMembers(queryClient, pool, (ips) => ips.filter((member) => member.ip !== ip)),
          editPoolLists(queryClient, (pools, address) => (address === ip ? pools.filter((n) => n !== pool) : pools)),
        ])
        refreshInBackground(queryClient, inventoryKey)
      },
    }),
}

/** A change as a hook, its options made once per client rather than on every render of the page that holds it. */
function useChange<TData, TVariables>(
  changeFor: (queryClient: QueryClient) => UseMutationOptions<TData, Error, TVariables>,
) {
  const queryClient = useQueryClient()
  return useMutation(useMemo(() => changeFor(queryClient), [changeFor, queryClient]))
}

export const useCreatePool = () => useChange(poolChanges.create)
export const useRenamePool = () => useChange(poolChanges.rename)
export const useDeletePool = () => useChange(poolChanges.delete)
export const useAddIps = () => useChange(poolChanges.addIps)
export const useMoveIp = () => useChange(poolChanges.moveIp)
export const useRemoveIp = () => useChange(poolChanges.removeIp)

/** Warmup changes an IP everywhere it shows: the account's inventory and the page of every pool it is in. */
function useWarmupMutation(change: (ip: string) => Promise<void>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: change,
    onSuccess: () => refreshInBackground(queryClient, inventoryKey, poolQueries.details()),
  })
}

export const useStartWarmup = () => useWarmupMutation(startWarmup)
export const useStopWarmup = () => useWarmupMutation(stopWarmup)

export function useValidateReverseDns() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => validateReverseDns(id),
    onSuccess: () => refreshInBackground(queryClient, accountQueries.reverseDns().queryKey),
  })
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

/**
 * Which subusers an IP serves. SendGrid only replaces a subuser's whole list, so each list is read again, checked
 * against the one this page showed (`seen`), changed by this IP and written back; a list changed elsewhere in the
 * meantime stops the save before anything is written, and says so.
 */
export function useSetIpSubusers() {
  const queryClient = useQueryClient()
  return useMutation({
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
          queryClient.setQueryData(accountQueries.ips().queryKey, fresh)
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
  })
}
