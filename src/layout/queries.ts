import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query'
import { refreshInBackground, writeQuery } from '../lib/cache-writes'
import {
  createToken,
  exportLayout,
  getApplies,
  getApply,
  getDrift,
  getTokens,
  planLayout,
  revokeToken,
  startApply,
  undoApply,
} from './api'

export const layoutQueries = {
  all: () => ['layout'] as const,
  /** The account's layout as a file, to start an edit from. */
  current: () =>
    queryOptions({
      queryKey: [...layoutQueries.all(), 'current'] as const,
      queryFn: ({ signal }) => exportLayout(false, signal),
      staleTime: 30_000,
    }),
  /** Where the account differs from the last layout applied: it reads the whole account, so not too often. */
  drift: () =>
    queryOptions({
      queryKey: [...layoutQueries.all(), 'drift'] as const,
      queryFn: ({ signal }) => getDrift(signal),
      staleTime: 60_000,
    }),
  applies: () =>
    queryOptions({
      queryKey: [...layoutQueries.all(), 'applies'] as const,
      queryFn: ({ signal }) => getApplies(signal),
      staleTime: 10_000,
    }),
  /** One apply, read again every half second while it runs. */
  apply: (id: string) =>
    queryOptions({
      queryKey: [...layoutQueries.all(), 'apply', id] as const,
      queryFn: ({ signal }) => getApply(id, signal),
      refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
    }),
  tokens: () =>
    queryOptions({
      queryKey: ['tokens'] as const,
      queryFn: ({ signal }) => getTokens(signal),
      retry: false,
    }),
}

/** An apply just started (or an undo): its view is the answer; the list of applies is read again. */
const starting =
  <V>(mutationFn: (variables: V) => ReturnType<typeof startApply>) =>
  (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn,
      onSuccess: async (view) => {
        await writeQuery(queryClient, layoutQueries.apply(view.id).queryKey, () => view)
        refreshInBackground(queryClient, layoutQueries.applies().queryKey)
      },
    })

export const layoutChanges = {
  plan: () => mutationOptions({ mutationFn: planLayout }),
  apply: starting(startApply),
  undo: starting(undoApply),
  createToken: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: createToken,
      onSuccess: () => refreshInBackground(queryClient, layoutQueries.tokens().queryKey),
    }),
  revokeToken: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: revokeToken,
      onSuccess: () => refreshInBackground(queryClient, layoutQueries.tokens().queryKey),
    }),
}

/** Once an apply has ended, everything shown may have changed: pools, IPs, the journal, the drift. */
export const refreshAfterApply = (queryClient: QueryClient) => refreshInBackground(queryClient, [])
