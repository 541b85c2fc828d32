/**
 * The one write path from a change into the cache. Every mutation writes what its answer says through `writeQuery`,
 * and asks for re-reads through `refreshInBackground`, which nobody waits for: a dialog closes when its own request
 * is done, not when the lists behind it have been read again.
 */
import {
  MutationObserver,
  type DataTag,
  type MutationOptions,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query'

/**
 * Writes what a change made true. Reads of the key still in flight are cancelled first: an answer SendGrid gave
 * before the change would otherwise land after it and put back what was just changed. The entry is then marked
 * stale without being read again at once (SendGrid may take a while to list a change); the next reader re-reads it.
 */
export async function writeQuery<TData, TError>(
  queryClient: QueryClient,
  queryKey: DataTag<QueryKey, TData, TError>,
  update: (old: TData | undefined) => TData | undefined,
): Promise<void> {
  await queryClient.cancelQueries({ queryKey, exact: true })
  queryClient.setQueryData(queryKey, update)
  markStale(queryClient, queryKey)
}

/** Marks an entry stale without reading it again now: a renamed or deleted pool's old page, still on screen. */
export function markStale(queryClient: QueryClient, queryKey: QueryKey): void {
  void queryClient.invalidateQueries({ queryKey, exact: true, refetchType: 'none' })
}

/**
 * Re-reads what a change may have touched, for the screens that show it, without anyone waiting for it. The reads
 * start in a later task, so the change's own effect (the dialog closing, the row gone) is drawn first.
 */
export function refreshInBackground(queryClient: QueryClient, ...queryKeys: QueryKey[]): void {
  setTimeout(() => {
    for (const queryKey of queryKeys) void queryClient.invalidateQueries({ queryKey })
  })
}

/** Runs a change outside any component, as a notification's Undo does once the dialog that made it has closed. */
/**
 * Marks a read whose answer shows IPs' warmup (a pool's page), in its options' `meta`: a warmup change re-reads every
 * read so marked, without the IPs' code knowing whose reads they are.
 */
export const SHOWS_WARMUP = { showsWarmup: true } as const

/** Re-reads, in the background, every read marked SHOWS_WARMUP. */
export function refreshWhatShowsWarmup(queryClient: QueryClient): void {
  setTimeout(() => void queryClient.invalidateQueries({ predicate: (query) => query.meta?.showsWarmup === true }))
}

export function runMutation<TData, TVariables>(
  queryClient: QueryClient,
  options: MutationOptions<TData, Error, TVariables>,
  variables: TVariables,
): Promise<TData> {
  return new MutationObserver(queryClient, options).mutate(variables)
}
