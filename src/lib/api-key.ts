/**
 * The API key a user pasted on the Connect page: kept for this tab only, in memory, or in sessionStorage when they
 * ask to be remembered in this tab. Never in localStorage, never in a URL.
 */
const STORAGE_KEY = 'ip-pools:api-key'

let current: string | null = readRemembered()
const listeners = new Set<() => void>()

function readRemembered(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

export function getApiKey(): string | null {
  return current
}

export function setApiKey(key: string, { remember }: { remember: boolean }): void {
  current = key
  if (remember) sessionStorage.setItem(STORAGE_KEY, key)
  else sessionStorage.removeItem(STORAGE_KEY)
  listeners.forEach((listener) => listener())
}

export function clearApiKey(): void {
  current = null
  sessionStorage.removeItem(STORAGE_KEY)
  listeners.forEach((listener) => listener())
}

/** For useSyncExternalStore: the UI follows connecting and disconnecting. */
export function subscribeToApiKey(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
