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
