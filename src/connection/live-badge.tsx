import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import { useQuery } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'
import { getApiKey, subscribeToApiKey } from '../lib/api-key'
import { Badge } from '../ui/badge'
import { connectionQueries } from './queries'
import { useDisconnect } from './use-disconnect'

/** Says plainly that this is a real account, which host it is, and whose key is in use; offers Disconnect. */
export function LiveBadge() {
  const disconnect = useDisconnect()
  const status = useQuery(connectionQueries.status())
  const apiKey = useSyncExternalStore(subscribeToApiKey, getApiKey)
  // Nothing is live before there is a key: on the Connect page, no badge says otherwise.
  if (!status.data || (!status.data.keyOnServer && !apiKey)) return null
  const where = status.data.apiHost + (status.data.keyOnServer ? ' · key set on the server' : '')
  return (
    <>
      <Badge tone="success" title={`Live · ${where}`}>
        Live
        {/* Where the app bar has room; the title says it at every width. */}
        <Box component="span" sx={{ display: { xs: 'none', lg: 'inline' } }}>
          {' '}
          · {where}
        </Box>
      </Badge>
      {!status.data.keyOnServer && apiKey && (
        <Button color="inherit" size="small" onClick={disconnect}>
          Disconnect
        </Button>
      )}
    </>
  )
}
