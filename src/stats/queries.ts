import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query'
import { refreshInBackground } from '../lib/cache-writes'
import type { Range } from '../shared/delivery'
import { getStats, getSummaries, type StatsOf } from './api'
import { connectWebhook, createWebhook, getWebhookStatus, listWebhooks, signWebhook, testWebhook } from './webhook-api'

export const statsQueries = {
  all: () => ['stats'] as const,
  of: (of: StatsOf, range: Range) =>
    queryOptions({
      queryKey: [...statsQueries.all(), 'of', of, range] as const,
      queryFn: ({ signal }) => getStats(of, range, signal),
      staleTime: 60_000,
    }),
  /** Every pool's or IP's summary, for the lists. */
  summaries: (by: 'pool' | 'ip', range: Range = '7d') =>
    queryOptions({
      queryKey: [...statsQueries.all(), 'summaries', by, range] as const,
      queryFn: ({ signal }) => getSummaries(by, range, signal),
      staleTime: 60_000,
    }),
  /** The account's Event Webhooks, as SendGrid lists them. */
  webhooks: () =>
    queryOptions({
      queryKey: [...statsQueries.all(), 'webhooks'] as const,
      queryFn: ({ signal }) => listWebhooks(signal),
    }),
  /** Where SendGrid should post, and whether the dashboard's server can check what it posts. */
  webhookStatus: () =>
    queryOptions({
      queryKey: [...statsQueries.all(), 'webhook-status'] as const,
      queryFn: ({ signal }) => getWebhookStatus(signal),
    }),
}

/** Connecting the Event Webhook, step by step; each refreshes what it changed (the journal reads afresh anyway). */
export const webhookChanges = {
  create: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: createWebhook,
      onSuccess: () => refreshInBackground(queryClient, statsQueries.webhooks().queryKey),
    }),
  /** Signing, then the server told which webhook's key to read from SendGrid. */
  sign: (queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: async (id: string) => {
        await signWebhook(id)
        await connectWebhook(id)
      },
      onSuccess: () =>
        refreshInBackground(queryClient, statsQueries.webhooks().queryKey, statsQueries.webhookStatus().queryKey),
    }),
  test: () =>
    mutationOptions({
      mutationFn: ({ id, url }: { id: string; url: string }) => testWebhook(id, url),
    }),
}
