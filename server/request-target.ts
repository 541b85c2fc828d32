/**
 * Whether a request target is in its one normal form, checked before anything routes it. The router decodes and
 * resolves what it is given; a guard that looked at the raw target would see another path than the handler serves.
 * Refusing every other spelling means there is only one: "/%61pi/activity", "http://host/api/activity",
 * "//api/activity", "/./api/activity" and "/api/x/.." never reach a route.
 */

/** RFC 3986's unreserved characters: percent-encoding one of them only disguises it. */
const UNRESERVED = /[A-Za-z0-9\-._~]/

/** Why the target is not in normal form, or undefined when it is. */
export function targetProblem(target: string): string | undefined {
  // Origin-form only: no absolute-form ("http://host/…"), no authority-form, no "*".
  if (!target.startsWith('/') || target.startsWith('//')) return 'Only a path may be requested.'
  // A NUL is no part of any name or value here, and the store refuses it: refused in the path and the query alike.
  if (/%00/.test(target)) return 'The request has a NUL (%00) in it.'
  const queryAt = target.indexOf('?')
  const path = queryAt === -1 ? target : target.slice(0, queryAt)
  // Backslashes and fragments are rewritten by URL parsers; anything outside printable ASCII is not a URL's.
  if (/[\\#]|[^\x21-\x7e]/.test(path)) return 'The path has characters that are not allowed.'
  for (const escape of path.matchAll(/%(.{0,2})/g)) {
    const hex = escape[1]!
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return 'The path has a malformed percent-encoding.'
    if (UNRESERVED.test(String.fromCharCode(parseInt(hex, 16)))) return 'The path percent-encodes a plain character.'
  }
  const segments = path.slice(1).split('/')
  // An empty segment anywhere but at the very end ("/" itself, or "/pools/") is a doubled slash.
  if (segments.slice(0, -1).includes('')) return 'The path has an empty segment.'
  if (segments.some((segment) => segment === '.' || segment === '..')) return 'The path has a "." or ".." step.'
  return undefined
}
