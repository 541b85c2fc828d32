import { useQueryClient } from '@tanstack/react-query'
import { clearApiKey } from '../lib/api-key'

/** Forgets the pasted key and everything read with it; the Connect page follows. */
export function useDisconnect(): () => void {
  const queryClient = useQueryClient()
  return () => {
    clearApiKey()
    queryClient.clear()
  }
}
