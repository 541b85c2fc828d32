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
