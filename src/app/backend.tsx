/**
 * Which backend the app runs on, decided once by main.tsx: the demo's fake SendGrid in this browser, or the real
 * API through the live proxy.
 */
import { createContext, use } from 'react'

export type Backend = { mode: 'demo'; reset(): void } | { mode: 'live' }

export const BackendContext = createContext<Backend>({ mode: 'live' })

export function useBackend(): Backend {
  return use(BackendContext)
}
