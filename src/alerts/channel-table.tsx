import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { errorMessage } from '../lib/error-message'
import { CHANNEL_KINDS, type AlertChannel, type ChannelTestResult } from '../shared/alert-api'
import { KEY_COLUMN_FIXED } from '../ui/table-styles'
import { useChange } from '../ui/use-change'
import { alertChanges } from './queries'

const testText = (result: ChannelTestResult) =>
  result.ok
    ? `Delivered (${result.status})`
    : `Not delivered${result.status ? ` (${result.status})` : ''}: ${result.answer || 'no answer'}`

/** The channels, masked, each with "Send a test" and what it answered. */
export function ChannelTable({
  channels,
  onDelete,
}: {
  channels: AlertChannel[]
  /** Admins only. */
  onDelete?: (channel: AlertChannel) => void
}) {
  const test = useChange(alertChanges.testChannel)
  const [results, setResults] = useState<Record<string, string>>({})
  const send = (channel: AlertChannel) => {
    setResults({ ...results, [channel.id]: 'Sending…' })
    test.mutate(channel.id, {
      onSuccess: (result) => setResults((now) => ({ ...now, [channel.id]: testText(result) })),
      onError: (error) => setResults((now) => ({ ...now, [channel.id]: errorMessage(error) })),
    })
  }
  return (
    <TableContainer sx={KEY_COLUMN_FIXED}>
      <Table size="small" aria-label="Alert channels">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Kind</TableCell>
            <TableCell>Destination</TableCell>
            {onDelete && <TableCell>Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {channels.map((channel) => (
            <TableRow key={channel.id}>
              <TableCell>{channel.name}</TableCell>
              <TableCell>{CHANNEL_KINDS[channel.kind]}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>{channel.destination}</TableCell>
              {onDelete && (
                <TableCell>
                  <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                    <Button size="small" onClick={() => send(channel)} aria-label={`Send a test to ${channel.name}`}>
                      Send a test
                    </Button>
                    <Button
                      size="small"
                      color="error"
                      onClick={() => onDelete(channel)}
                      aria-label={`Delete channel ${channel.name}`}
                    >
                      Delete
                    </Button>
                    {results[channel.id] && (
                      <Typography variant="body2" role="status">
                        {results[channel.id]}
                      </Typography>
                    )}
                  </Stack>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  )
}
