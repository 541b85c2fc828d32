import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query'
import { refreshInBackground } from '../lib/cache-writes'
import {
  acknowledgeIncident,
  deleteChannel,
  deleteRule,
  getAlerts,
  muteRule,
  saveChannel,
  saveRule,
  testChannel,
  unmuteRule,
  type AlertsFilter,
} from './api'

export const alertQueries = {
  all: () => ['alerts'] as const,
  /** Incidents, rules, channels and mutes; read again every minute, as the server evaluates every few. */
  view: (filter: AlertsFilter = {}) =>
    queryOptions({
      queryKey: [...alertQueries.all(), filter] as const,
      queryFn: ({ signal }) => getAlerts(filter, signal),
      staleTime: 30_000,
      refetchInterval: 60_000,
    }),
}

/** Every alert change re-reads the alerts: what one changes (a mute, a rule) shows in incidents and rules alike. */
const changing =
  <V, R>(mutationFn: (variables: V) => Promise<R>) =>
  (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn,
      onSuccess: () => refreshInBackground(queryClient, alertQueries.all()),
    })

export const alertChanges = {
  saveRule: changing(saveRule),
  deleteRule: changing(deleteRule),
  acknowledge: changing(acknowledgeIncident),
  mute: changing(muteRule),
  unmute: changing(unmuteRule),
  saveChannel: changing(saveChannel),
  deleteChannel: changing(deleteChannel),
  testChannel: () => mutationOptions({ mutationFn: testChannel }),
}
