/**
 * The first page's read, started as the app starts rather than after its first render (render-as-you-fetch, as a
 * route loader would): the page's query then finds it already in flight. Only in a live build whose page says the
 * read will be let through (a key, and nobody left to sign in); anywhere else the page asks as usual.
 */
import type { QueryClient } from '@tanstack/react-query'
import { statusFromPage } from '../connection/api'
import { gateIsOpen } from '../connection/live-gate'
import { getApiKey } from '../lib/api-key'
import { firstRead } from '../shared/first-read'
import { ipQueries } from '../ips'
import { poolQueries } from '../pools'

/** Starts the read the page at `pathname` begins with, if any; resolves once it is in (it never rejects). */
export function startFirstRead(queryClient: QueryClient, pathname: string): Promise<void> | undefined {
  const status = statusFromPage()
  if (!status || !gateIsOpen(status, getApiKey())) return undefined
  const read = firstRead(pathname)
  if (read?.of === 'pools') return queryClient.prefetchQuery(poolQueries.list())
  if (read?.of === 'pool') return queryClient.prefetchQuery(poolQueries.detail(read.name))
  if (read?.of === 'ips') return queryClient.prefetchQuery(ipQueries.list())
  return undefined
}
