/**
 * The first page's read, started as the app starts rather than after its first render (render-as-you-fetch, as a
 * route loader would): the page's query then finds it already in flight. Only in a live build whose page says the
 * read will be let through (a key, and nobody left to sign in); anywhere else the page asks as usual.
 */
import type { QueryClient } from '@tanstack/react-query'
import { statusFromPage } from '../connection/api'
import { getApiKey } from '../lib/api-key'
import { poolNameFromPath } from '../pools/paths'
import { ipQueries } from '../ips'
import { poolQueries } from '../pools'

/** Starts the read the page at `pathname` begins with, if any; resolves once it is in (it never rejects). */
export function startFirstRead(queryClient: QueryClient, pathname: string): Promise<void> | undefined {
  const status = statusFromPage()
  if (!status || !(status.keyOnServer || getApiKey())) return undefined
  if (status.session?.signInRequired && !status.session.user) return undefined
  if (pathname === '/' || pathname === '/pools') return queryClient.prefetchQuery(poolQueries.list())
  if (pathname.startsWith('/pools/')) return queryClient.prefetchQuery(poolQueries.detail(poolNameFromPath(pathname)))
  if (pathname === '/ips') return queryClient.prefetchQuery(ipQueries.list())
  return undefined
}
