import { useMemo } from 'react'
import { useSearchParams } from 'react-router'
import type { DeliverySummaries } from '../shared/delivery'
import { deliveryConcern } from '../delivery'
import type { AccountIp } from './api'
import { filterRows, ipSortKey, paramsFromView, searchTexts, sortRows, viewFromParams, type IpView } from './ip-view'

export const ROWS_PER_PAGE = 50

/**
 * The IP addresses page's view: its filters, sort and page live in the address (so a view can be linked, reloaded
 * and gone back to), and the rows they select from the inventory. Sorting is done once per data and sort; a keystroke
 * filters the sorted rows by texts lowercased once, and only a page of rows renders.
 */
export function useIpView(inventory: readonly AccountIp[] | undefined, delivery: DeliverySummaries['of'] | undefined) {
  const [params, setParams] = useSearchParams()
  const view = viewFromParams(params)
  const ips = inventory ?? NONE
  const address = useMemo(() => new Map(ips.map(({ ip }) => [ip, ipSortKey(ip)])), [ips])
  const keys = useMemo(
    () => ({
      address,
      concern: delivery && new Map(ips.map(({ ip }) => [ip, deliveryConcern(delivery[ip])])),
    }),
    [address, ips, delivery],
  )
  const flaggedIps = useMemo(
    () => delivery && new Set(Object.keys(delivery).filter((ip) => delivery[ip]!.flags.length > 0)),
    [delivery],
  )
  const texts = useMemo(() => searchTexts(ips), [ips])
  const { q, pool, noPool, warming, subuser, flagged, sort, desc } = view
  const sorted = useMemo(() => sortRows(ips, sort, desc, keys), [ips, sort, desc, keys])
  const rows = useMemo(
    () => filterRows(sorted, { q, pool, noPool, warming, subuser, flagged, sort, desc, page: 1 }, texts, flaggedIps),
    [sorted, texts, q, pool, noPool, warming, subuser, flagged, sort, desc, flaggedIps],
  )
  const lastPage = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE))
  const page = Math.min(view.page, lastPage)
  const pageRows = rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE)

  // Counted once per data, not on every keystroke's render.
  const counts = useMemo(
    () => ({
      total: ips.length,
      warming: ips.filter((ip) => ip.warmup).length,
      unpooled: ips.filter((ip) => ip.pools.length === 0).length,
    }),
    [ips],
  )

  // The pools to filter by: those the account's IPs are in (a pool without IPs would select none), and the one in
  // the address whatever it is, so the filter always shows what is chosen.
  const pools = useMemo(
    () => [...new Set([...ips.flatMap((ip) => ip.pools), ...(view.pool ? [view.pool] : [])])].sort(byName.compare),
    [ips, view.pool],
  )

  /** A new view in the address, as a step the back button undoes (unless it replaces the current one). */
  const show = (change: Partial<IpView>, { replace = false } = {}) =>
    setParams(paramsFromView({ ...view, page: 1, ...change }), { replace })

  return { view, rows, page, pageRows, counts, show, pools }
}

const NONE: AccountIp[] = []
const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
