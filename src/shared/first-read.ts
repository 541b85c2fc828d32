/**
 * The SendGrid read a page of the app starts with, by the page's path. The production server has the browser fetch
 * it together with the page (a preload link), so the app finds it on its way rather than asking once it has started.
 */
import { fillPath, routeById } from './sendgrid-routes.ts'

export function firstReadPath(pathname: string): string | undefined {
  if (pathname === '/' || pathname === '/pools') return fillPath(routeById('listPools').path)
  const segment = /^\/pools\/([^/]+)$/.exec(pathname)?.[1]
  if (segment === undefined) return undefined
  try {
    // Encoded again as the app encodes it, so the app's own request is the same URL.
    return fillPath(routeById('getPool').path, { pool_name: decodeURIComponent(segment) })
  } catch {
    return undefined // a malformed escape names no pool
  }
}
