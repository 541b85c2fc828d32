import { queryOptions } from '@tanstack/react-query'
import type { Range } from '../shared/delivery'
import { getStats, getTotals, type StatsOf } from './api'

export const statsQueries = {
  all: () => ['stats'] as const,
  of: (of: StatsOf, range: Range) =>
    queryOptions({
      queryKey: [...statsQueries.all(), 'of', of, range] as const,
      queryFn: ({ signal }) => getStats(of, range, signal),
      staleTime: 60_000,
    }),
  totals: (by: 'pool' | 'ip', range: Range) =>
    queryOptions({
      queryKey: [...statsQueries.all(), 'totals', by, range] as const,
      queryFn: ({ signal }) => getTotals(by, range, signal),
      staleTime: 60_000,
    }),
}
