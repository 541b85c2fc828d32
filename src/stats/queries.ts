import { queryOptions } from '@tanstack/react-query'
import type { Range } from '../shared/delivery'
import { getStats, getSummaries, type StatsOf } from './api'

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
}
