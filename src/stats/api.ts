/** Delivery statistics, as the dashboard's server counts them from SendGrid's Event Webhook (or the demo's fake). */
import { request } from '../lib/api-client'
import { STATS_PATH, STATS_TOTALS_PATH, type DeliveryStats, type Range, type Totals } from '../shared/delivery'

export type StatsOf = { pool: string } | { ip: string }

export function getStats(of: StatsOf, range: Range, signal?: AbortSignal): Promise<DeliveryStats> {
  const query = new URLSearchParams({ ...of, range })
  return request<DeliveryStats>(`${STATS_PATH}?${query}`, { signal })
}

export function getTotals(by: 'pool' | 'ip', range: Range, signal?: AbortSignal): Promise<Record<string, Totals>> {
  return request<Record<string, Totals>>(`${STATS_TOTALS_PATH}?${new URLSearchParams({ by, range })}`, { signal })
}
