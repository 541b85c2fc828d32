import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { visuallyHidden } from '@mui/utils'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { useNotify } from '../ui/notifications'
import { pageTitle } from '../ui/product'
import { QueryProblem } from '../ui/query-problem'
import type { LiveSession } from './api'
import { connectionQueries, endSessionChange } from './queries'
import { lazily } from '../lib/lazily'
import { KEY_COLUMN_FIXED } from '../ui/table-styles'

const timeFormat = lazily(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }))
const when = (iso: string) => <time dateTime={iso}>{timeFormat().format(new Date(iso))}</time>
const nameOf = (session: LiveSession) => session.name ?? session.email

/** For admins: who is signed in, and ending a session (a lost laptop, someone who left) on every server at once. */
export default function SessionsPage() {
  const sessions = useQuery(connectionQueries.sessions())
  const [ending, setEnding] = useState<LiveSession | null>(null)
  const queryClient = useQueryClient()
  const end = useMutation(endSessionChange(queryClient))
  const notify = useNotify()
  const headingId = useId()

  return (
    <Stack spacing={3}>
      <title>{pageTitle('Sessions')}</title>
      <div>
        <Typography id={headingId} variant="h4" component="h1">
          Sessions
        </Typography>
        <Typography color="text.secondary">
          Who is signed in to this dashboard. Ending a session signs that browser out on every server.
        </Typography>
      </div>
      <QueryProblem query={sessions} what="the sessions" />
      {sessions.isPending && <CircularProgress aria-label="Loading sessions" />}
      {sessions.data && (
        <TableContainer component={Paper} variant="outlined" sx={KEY_COLUMN_FIXED}>
          <Table size="small" aria-labelledby={headingId}>
            <TableHead>
              <TableRow>
                <TableCell>Person</TableCell>
                <TableCell>Signed in</TableCell>
                <TableCell>Ends</TableCell>
                <TableCell>
                  <Box component="span" sx={visuallyHidden}>
                    Action
                  </Box>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sessions.data.map((session) => (
                <TableRow key={session.id}>
                  <TableCell sx={{ overflowWrap: 'break-word' }}>
                    {session.name ? `${session.name}, ${session.email}` : session.email}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{when(session.createdAt)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{when(session.expiresAt)}</TableCell>
                  <TableCell align="right">
                    {session.current ? (
                      <Typography variant="body2" color="text.secondary">
                        This browser
                      </Typography>
                    ) : (
                      <Button
                        size="small"
                        color="error"
                        aria-label={`End ${nameOf(session)}'s session from ${timeFormat().format(new Date(session.createdAt))}`}
                        onClick={() => setEnding(session)}
                      >
                        End
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {ending && (
        <ConfirmDialog
          title="End this session?"
          confirmLabel="End session"
          destructive
          change={end}
          variables={ending.id}
          onDone={() => {
            notify(`${nameOf(ending)} is signed out of that session.`)
            setEnding(null)
          }}
          onClose={() => setEnding(null)}
        >
          <Typography>
            {nameOf(ending)} will be asked to sign in again in that browser, on every server of this dashboard, within a
            few seconds.
          </Typography>
        </ConfirmDialog>
      )}
    </Stack>
  )
}
