import { ipQueries } from '../ips'
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import type { ReactNode } from 'react'
import { db, server } from '../mocks/node'
import { poolQueries, useAddIps, useCreatePool, useDeletePool, useRemoveIp, useRenamePool } from './queries'

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

describe('a change and the reads around it', () => {
  const membersOf = (data: { ips: { ip: string }[] } | undefined) => data?.ips.map(({ ip }) => ip)

  it('a read of the pool in flight when an IP is removed does not bring the IP back', async () => {
    const { wrapper } = setup()
    const page = renderHook(() => useQuery(poolQueries.detail('billing')), { wrapper }).result
    await waitFor(() => expect(membersOf(page.current.data)).toEqual(['192.0.2.13', '192.0.2.40']))
    // A re-read SendGrid answers as it was before the change, arriving after the change is done.
    const before = db.getPool('billing').body as object
    server.use(
      http.get('*/v3/ips/pools/billing', async () => {
        await delay(80)
        return HttpResponse.json(before)
      }),
    )
    void page.current.refetch()
    const remove = renderHook(() => useRemoveIp(), { wrapper }).result
    await remove.current.mutateAsync({ pool: 'billing', ip: '192.0.2.13' })
    await waitFor(() => expect(membersOf(page.current.data)).toEqual(['192.0.2.40']))
    await delay(150)
    expect(membersOf(page.current.data)).toEqual(['192.0.2.40'])
  })

  it('a remove is done when its own request is: the inventory shows it at once and is re-read behind it', async () => {
    const { wrapper, requests } = setup()
    const inventory = renderHook(() => useQuery(ipQueries.list()), { wrapper }).result
    await waitFor(() => expect(inventory.current.isSuccess).toBe(true))
    const poolsOf = (ip: string) => inventory.current.data?.find((entry) => entry.ip === ip)?.pools
    expect(poolsOf('192.0.2.13')).toContain('billing')
    expect(inventory.current.isFetching).toBe(false)
    // The inventory takes long to read again; the change must not wait for it.
    server.use(
      http.get('*/v3/ips', async () => {
        await delay(300)
        return HttpResponse.json([])
      }),
    )
    const reads = requests.filter((r) => r === 'GET /v3/ips').length
    const remove = renderHook(() => useRemoveIp(), { wrapper }).result
    await remove.current.mutateAsync({ pool: 'billing', ip: '192.0.2.13' })
    await waitFor(() => expect(poolsOf('192.0.2.13')).not.toContain('billing'))
    await waitFor(() => expect(inventory.current.isFetching).toBe(true))
    expect(requests.filter((r) => r === 'GET /v3/ips')).toHaveLength(reads + 1)
  })

  it('a rename shows the new name in the inventory before any re-read', async () => {
    const { wrapper } = setup()
    const inventory = renderHook(() => useQuery(ipQueries.list()), { wrapper }).result
    const poolsOf40 = () => inventory.current.data?.find((entry) => entry.ip === '192.0.2.40')?.pools
    await waitFor(() => expect(poolsOf40()).toEqual(['billing']))
    // Re-reads of the inventory never come back: what shows is what the change wrote.
    server.use(http.get('*/v3/ips', () => new Promise<Response>(() => {})))
    const rename = renderHook(() => useRenamePool(), { wrapper }).result
    await rename.current.mutateAsync({ name: 'billing', newName: 'invoices' })
    await waitFor(() => expect(poolsOf40()).toEqual(['invoices']))
  })
})
