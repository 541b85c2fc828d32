/** The app's own addresses for a pool and an IP: each name or address as one encoded path segment. */

/** A pool's address in the app: its name as one encoded path segment, so "/" or "#" in a name stays in the name. */
export function poolPath(name: string): string {
  return `/pools/${encodeURIComponent(name)}`
}

/**
 * The pool name in an address made by poolPath. Read from the raw path rather than React Router's params, which
 * turn an encoded "%2F" inside a segment into "/": a pool named "a%2Fb" would otherwise open "a/b".
 */
export function poolNameFromPath(pathname: string): string {
  const segment = pathname.split('/')[2] ?? ''
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment // a malformed escape is kept as typed, and simply names no pool
  }
}

/** An IP's address in the app: the address as one encoded path segment. */
export function ipPath(ip: string): string {
  return `/ips/${encodeURIComponent(ip)}`
}

/** The IP in an address made by ipPath. */
export function ipFromPath(pathname: string): string {
  const segment = pathname.split('/')[2] ?? ''
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment // a malformed escape names no IP, and the page says so
  }
}

/** A layout apply's address in the app: the Layout page showing it (its steps, and Undo while it can be). */
export function applyPath(id: string): string {
  return `/layout?apply=${encodeURIComponent(id)}`
}
