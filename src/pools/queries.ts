/** The cache: one key factory with the query options beside each key, and mutations that keep it correct. */
import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query'
import { SHOWS_WARMUP, markStale, refreshInBackground, writeQuery } from '../lib/cache-writes'
import { useChange } from '../ui/use-change'
import { ApiError } from '../lib/api-client'
import { addEach, moveIp } from './bulk'
import { forgetHalfMove, recordHalfMove } from './half-moves'
import { noteAdded, noteRemoved } from './recently-added'
import { renameInNotes } from './notes'
import { editPoolLists, ipQueries } from '../ips'
import {
  addIpToPool,
  createPool,
  deletePool,
  getPool,
  listPoolNames,
  removeIpFromPool,
  renamePool,
  type PoolDetail,
} from './api'

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
      meta: SHOWS_WARMUP,
    }),
}

/*
 * Each change is a set of mutation options: the hooks below use them in components, and a notification's Undo runs
 * them (through runMutation) after the dialog that made the change has closed. A change writes what its answer says
 * (writeQuery) and re-reads the rest in the background; its promise is the request alone.
 */

const inventoryKey = ipQueries.list().queryKey

/** Renames are found by this key: a pool's page follows its pool to its new name (see useFollowRename). */
export const RENAME_KEY = ['pools', 'rename'] as const

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
      mutationKey: RENAME_KEY,
      mutationFn: ({ name, newName }: { name: string; newName: string }) => renamePool(name, newName),
      onError: (error, { name }) => rereadWhenGone(queryClient, name, error),
      onSuccess: async (newName, { name }) => {
        const detail = queryClient.getQueryData(poolQueries.detail(name).queryKey)
        if (detail) queryClient.setQueryData(poolQueries.detail(newName).queryKey, { ...detail, name: newName })
        // The old name's entry goes stale rather than away: its page is on screen until the dialog navigates.
        markStale(queryClient, poolQueries.detail(name).queryKey)
        renameInNotes(queryClient, name, newName)
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
        renameInNotes(queryClient, name, null)
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
      mutationFn: ({
        incident,
        ...move
      }: {
        ip: string
        from: string
        to: string
        added?: boolean
        incident?: string
      }) =>
        moveIp(move, {
          add: (pool, ip) => addIpToPool(pool, ip, incident),
          remove: (pool, ip) => removeIpFromPool(pool, ip, incident),
        }),
      onSuccess: async (outcome, { ip, from, to }) => {
        if (outcome.status === 'not-moved') return
        const moved = outcome.status === 'moved'
        if (moved) forgetHalfMove(queryClient, { ip, from })
        else recordHalfMove(queryClient, { ip, from, to })
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
      mutationFn: ({ pool, ip, incident }: { pool: string; ip: string; incident?: string }) =>
        removeIpFromPool(pool, ip, incident),
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

export const useCreatePool = () => useChange(poolChanges.create)
export const useRenamePool = () => useChange(poolChanges.rename)
export const useDeletePool = () => useChange(poolChanges.delete)
export const useAddIps = () => useChange(poolChanges.addIps)
export const useMoveIp = () => useChange(poolChanges.moveIp)
export const useRemoveIp = () => useChange(poolChanges.removeIp)
