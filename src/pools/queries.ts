/** The cache: one key factory with the query options beside each key, and mutations that keep it correct. */
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { ApiError } from '../lib/api-client'
import { addEach, moveIp } from './bulk'
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
 * A pool's old detail entry is marked stale rather than removed: its page is still on screen until the dialog
 * navigates away, and removing the entry under it would make that page fetch a pool that no longer exists.
 */

export function useCreatePool() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (name: string) => createPool(name),
    onSuccess: (name) => {
      queryClient.setQueryData(
        poolQueries.list().queryKey,
        (names) => names && [...names.filter((n) => n !== name), name],
      )
      queryClient.setQueryData(poolQueries.detail(name).queryKey, { name, ips: [] })
      return queryClient.invalidateQueries({ queryKey: poolQueries.list().queryKey })
    },
  })
}

/** A 404 from a change means the pool (or the IP in it) went away elsewhere: re-read so the page shows that. */
function rereadWhenGone(queryClient: QueryClient, pool: string, error: unknown) {
  if (!(error instanceof ApiError) || error.status !== 404) return
  void queryClient.invalidateQueries({ queryKey: poolQueries.detail(pool).queryKey })
  void queryClient.invalidateQueries({ queryKey: poolQueries.list().queryKey })
}

/** After a rename or delete: the old name's entry goes stale (not re-read), the list and the inventory are re-read. */
function refreshAfterPoolGoes(queryClient: QueryClient, name: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: poolQueries.detail(name).queryKey, exact: true, refetchType: 'none' }),
    queryClient.invalidateQueries({ queryKey: poolQueries.list().queryKey }),
    queryClient.invalidateQueries({ queryKey: accountQueries.ips().queryKey }),
  ])
}

export function useRenamePool() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ name, newName }: { name: string; newName: string }) => renamePool(name, newName),
    onError: (error, { name }) => rereadWhenGone(queryClient, name, error),
    onSuccess: (newName, { name }) => {
      const detail = queryClient.getQueryData(poolQueries.detail(name).queryKey)
      if (detail) queryClient.setQueryData(poolQueries.detail(newName).queryKey, { ...detail, name: newName })
      queryClient.setQueryData(poolQueries.list().queryKey, (names) => names?.map((n) => (n === name ? newName : n)))
      return refreshAfterPoolGoes(queryClient, name)
    },
  })
}

export function useDeletePool() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (name: string) => deletePool(name),
    onError: (error, name) => rereadWhenGone(queryClient, name, error),
    onSuccess: (_, name) => {
      queryClient.setQueryData(poolQueries.list().queryKey, (names) => names?.filter((n) => n !== name))
      return refreshAfterPoolGoes(queryClient, name)
    },
  })
}

/*
 * SendGrid says a new pool member "may take up to 60 seconds" to show: the cache takes the IP from the answer
 * and is marked stale without an immediate re-read that could drop it again.
 */

export function useAddIps() {
  const queryClient = useQueryClient()
  return useMutation({
    // Never throws: each IP's outcome is in the answer, for the dialog to report.
    mutationFn: ({ pool, ips }: { pool: string; ips: readonly string[] }) =>
      addEach(ips, (ip) => addIpToPool(pool, ip)),
    onSuccess: (results, { pool }) => {
      const added = results.flatMap((result) => (result.value ? [result.value] : []))
      noteAdded(
        queryClient,
        pool,
        added.map((member) => member.ip),
      )
      queryClient.setQueryData(
        poolQueries.detail(pool).queryKey,
        (detail): PoolDetail | undefined =>
          detail && { ...detail, ips: [...detail.ips.filter((m) => !added.some((a) => a.ip === m.ip)), ...added] },
      )
      for (const { error } of results) rereadWhenGone(queryClient, pool, error)
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: poolQueries.detail(pool).queryKey, refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: accountQueries.ips().queryKey }),
      ])
    },
  })
}

export function useMoveIp() {
  const queryClient = useQueryClient()
  return useMutation({
    // Never throws: a move that went half way is an outcome to report, not an exception.
    mutationFn: (move: { ip: string; from: string; to: string; added?: boolean }) =>
      moveIp(move, { add: addIpToPool, remove: removeIpFromPool }),
    onSuccess: (outcome, { ip, from, to }) => {
      if (outcome.status !== 'not-moved') noteAdded(queryClient, to, [ip])
      if (outcome.status === 'moved') {
        noteRemoved(queryClient, from, ip)
        queryClient.setQueryData(
          poolQueries.detail(from).queryKey,
          (detail): PoolDetail | undefined =>
            detail && { ...detail, ips: detail.ips.filter((member) => member.ip !== ip) },
        )
      }
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: poolQueries.detail(from).queryKey, refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: poolQueries.detail(to).queryKey }),
        queryClient.invalidateQueries({ queryKey: accountQueries.ips().queryKey }),
      ])
    },
  })
}

export function useRemoveIp() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ pool, ip }: { pool: string; ip: string }) => removeIpFromPool(pool, ip),
    onError: (error, { pool }) => rereadWhenGone(queryClient, pool, error),
    onSuccess: (_, { pool, ip }) => {
      noteRemoved(queryClient, pool, ip)
      queryClient.setQueryData(
        poolQueries.detail(pool).queryKey,
        (detail): PoolDetail | undefined =>
          detail && { ...detail, ips: detail.ips.filter((member) => member.ip !== ip) },
      )
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: poolQueries.detail(pool).queryKey, refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: accountQueries.ips().queryKey }),
      ])
    },
  })
}

/** Warmup changes an IP everywhere it shows: the account's inventory and the page of every pool it is in. */
function useWarmupMutation(change: (ip: string) => Promise<void>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: change,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: accountQueries.ips().queryKey }),
        queryClient.invalidateQueries({ queryKey: poolQueries.details() }),
      ]),
  })
}

export const useStartWarmup = () => useWarmupMutation(startWarmup)
export const useStopWarmup = () => useWarmupMutation(stopWarmup)

export function useValidateReverseDns() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => validateReverseDns(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountQueries.reverseDns().queryKey }),
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
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountQueries.ips().queryKey }),
  })
}
