import Button from '@mui/material/Button'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'
import { clearApiKey, getApiKey, subscribeToApiKey } from '../lib/api-key'
import { Badge } from '../ui/Badge'
import { connectionQueries } from './queries'

/** Says plainly that this is a real account, which host it is, and whose key is in use; offers Disconnect. */
export function LiveBadge() {
  const queryClient = useQueryClient()
  const status = useQuery(connectionQueries.status())
  const apiKey = useSyncExternalStore(subscribeToApiKey, getApiKey)
  if (!status.data) return null
  const disconnect = () => {
    clearApiKey()
    queryClient.clear()
  }
  return (
    <>
      <Badge tone="success">
        Live · {status.data.apiHost}
        {status.data.keyOnServer && ' · key set on the server'}
      </Badge>
      {!status.data.keyOnServer && apiKey && (
        <Button color="inherit" size="small" onClick={disconnect}>
          Disconnect
        </Button>
      )}
    </>
  )
}
