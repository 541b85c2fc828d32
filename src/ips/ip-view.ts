/** The IP addresses page's view: which rows, in which order, as kept in the address so a view can be shared. */
import ipaddr from 'ipaddr.js'
import type { AccountIp } from './api'
import { toCsv } from './csv'
import { deliveryFigures, type DeliverySummary } from '../shared/delivery'

const SORTABLE = ['ip', 'pools', 'warmup', 'delivery', 'rdns', 'subusers', 'assigned'] as const
export type SortColumn = (typeof SORTABLE)[number]

export interface IpView {
  /** Part of an address or reverse DNS name. */
  q: string
  /** Only IPs in this pool. */
  pool: string | null
  /** Only IPs in no pool. */
  noPool: boolean
  /** Only IPs warming up. */
  warming: boolean
  /** Only IPs this subuser sends from. */
  subuser: string | null
  /** Only IPs whose delivery crosses a threshold. */
  flagged: boolean
  sort: SortColumn
  desc: boolean
  /** 1-based. */
  page: number
}

export function viewFromParams(params: URLSearchParams): IpView {
  const sort = params.get('sort')
  return {
    q: params.get('q') ?? '',
    pool: params.get('pool'),
    noPool: params.get('nopool') === '1',
    warming: params.get('warming') === '1',
    subuser: params.get('subuser'),
    flagged: params.get('flagged') === '1',
    sort: SORTABLE.includes(sort as SortColumn) ? (sort as SortColumn) : 'ip',
    desc: params.get('dir') === 'desc',
    page: Math.max(1, Math.floor(Number(params.get('page'))) || 1),
  }
}

/** Only what differs from the defaults goes in the address, so the plain page stays /ips. */
export function paramsFromView(view: IpView): URLSearchParams {
  const params = new URLSearchParams()
  if (view.q) params.set('q', view.q)
  if (view.pool !== null) params.set('pool', view.pool)
  if (view.noPool) params.set('nopool', '1')
  if (view.warming) params.set('warming', '1')
  if (view.subuser !== null) params.set('subuser', view.subuser)
  if (view.flagged) params.set('flagged', '1')
  if (view.sort !== 'ip') params.set('sort', view.sort)
  if (view.desc) params.set('dir', 'desc')
  if (view.page > 1) params.set('page', String(view.page))
  return params
}

/** Addresses in numeric order (192.0.2.9 before 192.0.2.10), IPv4 before IPv6. */
export function ipSortKey(ip: string): string {
  try {
    const bytes = ipaddr.parse(ip).toByteArray()
    return `${bytes.length === 4 ? 4 : 6}:${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}`
  } catch {
    return `9:${ip}`
  }
}

const text = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

/** What rows are sorted by besides their own fields: the address's numeric key, and how much its delivery concerns. */
export interface SortKeys {
  address: ReadonlyMap<string, string>
  /** Higher needs a look more (see deliveryConcern); absent while delivery figures are not known. */
  concern?: ReadonlyMap<string, number>
}

function compare(a: AccountIp, b: AccountIp, column: SortColumn, keys: SortKeys): number {
  switch (column) {
    case 'ip':
      return keys.address.get(a.ip)!.localeCompare(keys.address.get(b.ip)!)
    case 'pools':
      return text.compare(a.pools.join(', '), b.pools.join(', '))
    case 'warmup':
      // Warming first, the longest-warming first; then the rest.
      return (b.warmup ? 1 : 0) - (a.warmup ? 1 : 0) || (a.startDate ?? 0) - (b.startDate ?? 0)
    case 'delivery':
      // Those needing a look most first.
      return (keys.concern?.get(b.ip) ?? -1) - (keys.concern?.get(a.ip) ?? -1)
    case 'rdns':
      return text.compare(a.rdns ?? '', b.rdns ?? '')
    case 'subusers':
      return text.compare(a.subusers.join(', '), b.subusers.join(', '))
    case 'assigned':
      return (a.assignedAt ?? 0) - (b.assignedAt ?? 0)
  }
}

/** Sorted once per data and order; each keystroke then only filters, which keeps the order. */
export function sortRows(ips: readonly AccountIp[], column: SortColumn, desc: boolean, keys: SortKeys) {
  const direction = desc ? -1 : 1
  return [...ips].sort(
    (a, b) => direction * compare(a, b, column, keys) || keys.address.get(a.ip)!.localeCompare(keys.address.get(b.ip)!),
  )
}

/** What the search box matches: the address and the reverse DNS name, lowercased once. */
export function searchTexts(ips: readonly AccountIp[]): Map<string, string> {
  return new Map(ips.map((ip) => [ip.ip, `${ip.ip} ${ip.rdns ?? ''}`.toLowerCase()]))
}

export function filterRows(
  sorted: readonly AccountIp[],
  view: IpView,
  texts: Map<string, string>,
  flagged?: ReadonlySet<string>,
): AccountIp[] {
  const needle = view.q.trim().toLowerCase()
  return sorted.filter(
    (ip) =>
      (!needle || texts.get(ip.ip)!.includes(needle)) &&
      (view.pool === null || ip.pools.includes(view.pool)) &&
      (!view.noPool || ip.pools.length === 0) &&
      (!view.warming || ip.warmup) &&
      (view.subuser === null || ip.subusers.includes(view.subuser)) &&
      (!view.flagged || (flagged?.has(ip.ip) ?? false)),
  )
}

const isoDate = (seconds: number | null) =>
  seconds === null ? '' : new Date(seconds * 1000).toISOString().slice(0, 10)

/** A share as the sheet shows it: per cent with two decimals, empty where nothing was sent. */
const shareCell = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : (value * 100).toFixed(2)

/**
 * The rows as CSV, with their last 7 days' delivery figures and flags where the server keeps figures (`delivery`):
 * shares in per cent of the messages sent, as the panel shows them.
 */
export function ipsToCsv(rows: readonly AccountIp[], delivery?: Readonly<Record<string, DeliverySummary>>): string {
  const figureColumns = ['sent_7d', 'delivered_pct', 'bounced_pct', 'blocked_pct', 'deferred_pct', 'needs_a_look']
  return toCsv([
    [
      'ip',
      'pools',
      'warming_up',
      'warmup_started',
      'reverse_dns',
      'subusers',
      'assigned',
      ...(delivery ? figureColumns : []),
    ],
    ...rows.map((ip) => {
      const summary = delivery?.[ip.ip]
      const figures = summary && deliveryFigures(summary.totals)
      return [
        ip.ip,
        ip.pools.join('; '),
        ip.warmup ? 'yes' : 'no',
        isoDate(ip.startDate),
        ip.rdns ?? '',
        ip.subusers.join('; '),
        isoDate(ip.assignedAt),
        ...(delivery
          ? [
              String(figures?.sent ?? 0),
              shareCell(figures?.delivered),
              shareCell(figures?.bounced),
              shareCell(figures?.blocked),
              shareCell(figures?.deferred),
              summary?.flags.join('; ') ?? '',
            ]
          : []),
      ]
    }),
  ])
}
