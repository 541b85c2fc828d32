/**
 * A value made on its first use. For Intl formatters at module level: the first one a page makes costs ~20 ms
 * (Chromium loads its locale data), which a first screen that formats no date should not pay while it starts.
 */
export function lazily<T>(make: () => T): () => T {
  let value: T | undefined
  return () => (value ??= make())
}
