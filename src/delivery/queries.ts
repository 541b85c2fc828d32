import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query'
import { refreshInBackground } from '../lib/cache-writes'
import type { Range } from '../shared/delivery'
import { getStats, getSummaries, type StatsOf } from './api'
import { connectWebhook, createWebhook, getWebhookStatus, listWebhooks, signWebhook, testWebhook } from './webhook-api'

export const deliveryQueries = {
  all: () => ['delivery'] as const,
  of: (of: StatsOf, range: Range) =>
    queryOptions({
      queryKey: [...deliveryQueries.all(), 'of', of, range] as const,
      queryFn: ({ signal }) => getStats(of, range, signal),
      staleTime: 60_000,
    }),
  /** Every pool's or IP's summary, for the lists. */
  summaries: (by: 'pool' | 'ip', range: Range = '7d') =>
    queryOptions({
      queryKey: [...deliveryQueries.all(), 'summaries', by, range] as const,
      queryFn: ({ signal }) => getSummaries(by, range, signal),
      staleTime: 60_000,
    }),
  /** The account's Event Webhooks, as SendGrid lists them. */
  webhooks: () =>
    queryOptions({
      queryKey: [...deliveryQueries.all(), 'webhooks'] as const,
      queryFn: ({ signal }) => listWebhooks(signal),
    }),
  /** Where SendGrid should post, and whether the dashboard's server can check what it posts. */
  webhookStatus: () =>
    queryOptions({
      queryKey: [...deliveryQueries.all(), 'webhook-status'] as const,
      queryFn: ({ signal }) => getWebhookStatus(signal),
    }),
}

/** Connecting the Event Webhook, step by step; each refreshes what it changed (the journal reads afresh anyway). */
export const webhookChanges = {
  create: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: createWebhook,
      onSuccess: () => refreshInBackground(queryClient, deliveryQueries.webhooks().queryKey),
    }),
  /** Signing, then the server told which webhook's key to read from SendGrid. */
  sign: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: async (id: string) => {
        await signWebhook(id)
        await connectWebhook(id)
      },
      onSuccess: () =>
        refreshInBackground(queryClient, deliveryQueries.webhooks().queryKey, deliveryQueries.webhookStatus().queryKey),
    }),
  test: () =>
    mutationOptions({
      mutationFn: ({ id, url }: { id: string; url: string }) => testWebhook(id, url),
    }),
}
