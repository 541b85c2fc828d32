/** The activity journal, as the dashboard's server (or the demo's fake) serves it at /api/activity. */
import type { ActivityEntry } from '../../server/activity.js'
import { request } from '../lib/api-client'

export type { ActivityEntry }

export interface ActivityFilters {
  pool?: string
  user?: string
}

export interface ActivityPage {
  entries: ActivityEntry[]
  /** Where the next, older page starts; null at the journal's beginning. */
  next: string | null
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
  return request<ActivityPage>(`/api/activity${search ? `?${search}` : ''}`, { signal })
}
