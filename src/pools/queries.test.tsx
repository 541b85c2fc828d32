import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { server } from '../mocks/node'
import { poolQueries, useAddIps, useCreatePool, useDeletePool, useRenamePool } from './queries'

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } })
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  )
  const requests: string[] = []
  server.events.on(
    'request:start',
    ({ request }) => void requests.push(`${request.method} ${decodeURIComponent(new URL(request.url).pathname)}`),
  )
  return { queryClient, wrapper, requests }
}

describe('pool mutations keep the cache right', () => {
  it('a rename moves the cached pool to its new key and renames it in the list', async () => {
    const { queryClient, wrapper, requests } = setup()
    await queryClient.fetchQuery(poolQueries.list())
    const before = await queryClient.fetchQuery(poolQueries.detail('marketing'))
    const { result } = renderHook(() => useRenamePool(), { wrapper })
    result.current.mutate({ name: 'marketing', newName: 'promo' })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))

    expect(queryClient.getQueryData(poolQueries.detail('promo').queryKey)).toEqual({ ...before, name: 'promo' })
    expect(queryClient.getQueryState(poolQueries.detail('marketing').queryKey)?.isInvalidated).toBe(true)
    expect(queryClient.getQueryData(poolQueries.list().queryKey)).toContain('promo')
    expect(queryClient.getQueryData(poolQueries.list().queryKey)).not.toContain('marketing')
    // The new key is filled from the cache, not read again; the old one is not read (it no longer exists).
    expect(requests.filter((r) => r.startsWith('GET /v3/ips/pools/'))).toEqual(['GET /v3/ips/pools/marketing'])
  })

  it('a created pool is in the list and known to be empty without another request', async () => {
    const { queryClient, wrapper } = setup()
    await queryClient.fetchQuery(poolQueries.list())
    const { result } = renderHook(() => useCreatePool(), { wrapper })
    result.current.mutate('fresh')
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(queryClient.getQueryData(poolQueries.list().queryKey)).toContain('fresh')
    expect(queryClient.getQueryData(poolQueries.detail('fresh').queryKey)).toEqual({ name: 'fresh', ips: [] })
  })

  it('a deleted pool leaves the list', async () => {
    const { queryClient, wrapper } = setup()
    await queryClient.fetchQuery(poolQueries.list())
    const { result } = renderHook(() => useDeletePool(), { wrapper })
    result.current.mutate('billing')
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(queryClient.getQueryData(poolQueries.list().queryKey)).not.toContain('billing')
  })

  it("an added IP joins the cached pool from the API's answer", async () => {
    const { queryClient, wrapper } = setup()
    await queryClient.fetchQuery(poolQueries.detail('billing'))
    const { result } = renderHook(() => useAddIps(), { wrapper })
    result.current.mutate({ pool: 'billing', ips: ['203.0.113.50'] })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(queryClient.getQueryData(poolQueries.detail('billing').queryKey)?.ips.map(({ ip }) => ip)).toEqual([
      '192.0.2.13',
      '192.0.2.40',
      '203.0.113.50',
    ])
  })
})
