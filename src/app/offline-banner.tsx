import Alert from '@mui/material/Alert'
import { onlineManager } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'

const subscribe = (listener: () => void) => onlineManager.subscribe(listener)
const isOnline = () => onlineManager.isOnline()

/** React Query pauses reads while offline and resumes them on return; this says so. */
export function OfflineBanner() {
  if (useSyncExternalStore(subscribe, isOnline)) return null
  return (
    <Alert severity="warning" square>
      <strong>You are offline.</strong> What is shown may be out of date, and changes cannot be saved until the
      connection is back.
    </Alert>
  )
}
