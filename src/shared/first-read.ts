/**
 * The read a page of the app starts with, by the page's path: the app starts it before its first render, and the
 * production server has the browser fetch it with the page (a preload link), so the app finds it on its way.
 */
import { accountIpsPage } from './account-ips-paging.ts'
import { fillPath, routeById } from './sendgrid-routes.ts'

export type FirstRead = { of: 'pools' } | { of: 'pool'; name: string } | { of: 'ips' }

export function firstRead(pathname: string): FirstRead | undefined {
  if (pathname === '/' || pathname === '/pools') return { of: 'pools' }
  if (pathname === '/ips') return { of: 'ips' }
  const segment = /^\/pools\/([^/]+)$/.exec(pathname)?.[1]
  if (segment === undefined) return undefined
  try {
    return { of: 'pool', name: decodeURIComponent(segment) }
  } catch {
    return undefined // a malformed escape names no pool
  }
}

/**
 * The SendGrid URL of a page's first read, as the app asks for it (encoded as the app encodes it, so the preload is
 * the same request). Of the account's IPs, the first page: the rest follow from its Link header.
 */
export function firstReadPath(pathname: string): string | undefined {
  const read = firstRead(pathname)
  if (read?.of === 'pools') return fillPath(routeById('listPools').path)
  if (read?.of === 'pool') return fillPath(routeById('getPool').path, { pool_name: read.name })
  if (read?.of === 'ips') return `${fillPath(routeById('listIps').path)}?${new URLSearchParams(accountIpsPage(0))}`
  return undefined
}
