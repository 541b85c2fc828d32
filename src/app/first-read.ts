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

export function startFirstRead(queryClient: QueryClient, pathname: string): void {
  const status = statusFromPage()
  if (!status || !(status.keyOnServer || getApiKey())) return
  if (status.session?.signInRequired && !status.session.user) return
  if (pathname === '/' || pathname === '/pools') void queryClient.prefetchQuery(poolQueries.list())
  else if (pathname.startsWith('/pools/'))
    void queryClient.prefetchQuery(poolQueries.detail(poolNameFromPath(pathname)))
  else if (pathname === '/ips') void queryClient.prefetchQuery(ipQueries.list())
}
