/** A pool's address in the app: its name as one encoded path segment, so "/" or "#" in a name stays in the name. */
export function poolPath(name: string): string {
  return `/pools/${encodeURIComponent(name)}`
}
