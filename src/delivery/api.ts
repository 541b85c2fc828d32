/** Delivery statistics, as the dashboard's server counts them from SendGrid's Event Webhook (or the demo's fake). */
import { request } from '../lib/api-client'
import {
  DELIVERY_PATH,
  DELIVERY_TOTALS_PATH,
  type DeliveryStats,
  type DeliverySummaries,
  type Range,
} from '../shared/delivery'

export type StatsOf = { pool: string } | { ip: string }

export function getStats(of: StatsOf, range: Range, signal?: AbortSignal): Promise<DeliveryStats> {
  const query = new URLSearchParams({ ...of, range })
  return request<DeliveryStats>(`${DELIVERY_PATH}?${query}`, { signal })
}

export function getSummaries(by: 'pool' | 'ip', range: Range, signal?: AbortSignal): Promise<DeliverySummaries> {
  return request<DeliverySummaries>(`${DELIVERY_TOTALS_PATH}?${new URLSearchParams({ by, range })}`, { signal })
}
