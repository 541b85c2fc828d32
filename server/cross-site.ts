import type { IncomingHttpHeaders } from 'node:http'

/** A request from another site (a page elsewhere driving a signed-in browser) must not act with its session or key. */
export function isCrossSite(headers: IncomingHttpHeaders): boolean {
  // A browser that says where a request comes from is believed; a page cannot make it lie.
  const site = headers['sec-fetch-site']
  if (site) return site !== 'same-origin' && site !== 'none'
  // Otherwise the Origin, when there is one. "null" (a sandboxed or no-referrer page) names no site: refused.
  const origin = headers.origin
  if (!origin) return false
  try {
    return new URL(origin).host !== headers.host
  } catch {
    return true
  }
}
