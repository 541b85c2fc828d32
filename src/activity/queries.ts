import { infiniteQueryOptions, queryOptions, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { refreshInBackground } from '../lib/cache-writes'
import { getActivity, type ActivityFilters } from './api'

const PAGE_SIZE = 50

export const activityQueries = {
  all: () => ['activity'] as const,
  list: (filters: ActivityFilters) =>
    infiniteQueryOptions({
      queryKey: [...activityQueries.all(), 'list', filters] as const,
      queryFn: ({ pageParam, signal }) => getActivity({ ...filters, before: pageParam, limit: PAGE_SIZE }, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.next,
    }),
  recent: (pool: string, limit: number) =>
    queryOptions({
      queryKey: [...activityQueries.all(), 'recent', pool, limit] as const,
      queryFn: ({ signal }) => getActivity({ pool, limit }, signal),
    }),
}

/** Every change, done or refused, is a new journal entry: a view of the journal reads again once one settles. */
export function useActivityFollowsChanges() {
  const queryClient = useQueryClient()
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && (event.action.type === 'success' || event.action.type === 'error')) {
          refreshInBackground(queryClient, activityQueries.all())
        }
      }),
    [queryClient],
  )
}
