import { queryOptions } from '@tanstack/react-query'
import { getProxyStatus, getScopes, statusFromPage } from './api'

export const connectionQueries = {
  all: () => ['connection'] as const,
  status: () =>
    queryOptions({
      queryKey: [...connectionQueries.all(), 'status'] as const,
      queryFn: ({ signal }) => getProxyStatus(signal),
      initialData: statusFromPage,
      staleTime: Infinity,
    }),
  scopes: () =>
    queryOptions({
      queryKey: [...connectionQueries.all(), 'scopes'] as const,
      queryFn: ({ signal }) => getScopes({ signal }),
      staleTime: 5 * 60_000,
    }),
}
