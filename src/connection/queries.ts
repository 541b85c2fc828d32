import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query'
import { endSession, getProxyStatus, getScopes, getSessions, statusFromPage } from './api'

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
  sessions: () =>
    queryOptions({
      queryKey: [...connectionQueries.all(), 'sessions'] as const,
      queryFn: ({ signal }) => getSessions(signal),
    }),
}

/** Ending someone's session: the list is read again once it is done. */
export const endSessionChange = (queryClient: QueryClient) =>
  mutationOptions({
    mutationFn: (id: string) => endSession(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionQueries.sessions().queryKey }),
  })
