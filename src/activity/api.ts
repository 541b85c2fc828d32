/** The activity journal, as the dashboard's server (or the demo's fake) serves it at /api/activity. */
import type { ActivityEntry } from '../shared/activity'
import { ACTIVITY_PATH, type ActivityPage } from '../shared/dashboard-api'
import { request } from '../lib/api-client'

export type { ActivityEntry, ActivityPage }

export interface ActivityFilters {
  pool?: string
  user?: string
}

export function getActivity(
  { pool, user, before, limit }: ActivityFilters & { before?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<ActivityPage> {
  const query = new URLSearchParams()
  if (pool) query.set('pool', pool)
  if (user) query.set('user', user)
  if (before) query.set('before', before)
  if (limit) query.set('limit', String(limit))
  const search = query.toString()
  return request<ActivityPage>(`${ACTIVITY_PATH}${search ? `?${search}` : ''}`, { signal })
}
