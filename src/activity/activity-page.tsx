import Alert from '@mui/material/Alert'
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
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useId, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import { isNotServedHere } from '../lib/api-client'
import { pageTitle } from '../ui/product'
import { QueryProblem } from '../ui/query-problem'
import type { ActivityFilters } from './api'
import { ChangeText } from './change-text'
import { describeOutcome, entryTime } from './describe'
import { activityQueries, useActivityFollowsChanges } from './queries'
import { KEY_COLUMN_FIXED } from '../ui/table-styles'

/** Every change made through the dashboard, newest first, filtered by pool and by who made it; filters in the URL. */
export default function ActivityPage() {
  const [params, setParams] = useSearchParams()
  const filters: ActivityFilters = { pool: params.get('pool') ?? undefined, user: params.get('user') ?? undefined }
  const activity = useInfiniteQuery(activityQueries.list(filters))
  useActivityFollowsChanges()
  const headingId = useId()
  const entries = activity.data?.pages.flatMap((page) => page.entries) ?? []
  const filtered = Boolean(filters.pool || filters.user)

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const next = new URLSearchParams()
    for (const name of ['pool', 'user']) {
      const value = String(form.get(name) ?? '').trim()
      if (value) next.set(name, value)
    }
    setParams(next)
  }

  return (
    <Stack spacing={3}>
      <title>{pageTitle('Activity')}</title>
      <div>
        <Typography id={headingId} variant="h4" component="h1">
          Activity
        </Typography>
        <Typography color="text.secondary">Every change made through this dashboard, newest first.</Typography>
      </div>

      {/* The key remounts the fields when the address changes (back, a link), so they always show the filters in use. */}
      <Stack
        key={params.toString()}
        component="form"
        role="search"
        aria-label="Filter activity"
        onSubmit={applyFilters}
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        useFlexGap
        sx={{ alignItems: { sm: 'center' } }}
      >
        <TextField name="pool" label="Pool" size="small" defaultValue={filters.pool ?? ''} />
        <TextField name="user" label="Who (email)" size="small" defaultValue={filters.user ?? ''} />
        <Button type="submit" variant="outlined">
          Filter
        </Button>
        {filtered && <Button onClick={() => setParams(new URLSearchParams())}>Show all</Button>}
      </Stack>

      {isNotServedHere(activity.error) ? (
        <Alert severity="info">
          This server keeps no activity journal. The dashboard&apos;s production server does (<code>npm run serve</code>
          ); the development server does not.
        </Alert>
      ) : (
        <QueryProblem query={activity} what="the activity" />
      )}
      {activity.isPending && <CircularProgress aria-label="Loading activity" sx={{ alignSelf: 'center' }} />}
      {activity.isSuccess && entries.length === 0 && (
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Typography>
            {filtered ? 'No changes match these filters.' : 'No changes yet. What anyone changes here shows up here.'}
          </Typography>
        </Paper>
      )}
      {entries.length > 0 && (
        <TableContainer component={Paper} variant="outlined" sx={KEY_COLUMN_FIXED}>
          <Table aria-labelledby={headingId} size="small">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>Who</TableCell>
                <TableCell>Change</TableCell>
                <TableCell>Result</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.map((entry) => (
                <TableRow key={entry.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={entry.time}>{entryTime(entry)}</time>
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'break-word' }}>{entry.user}</TableCell>
                  <TableCell sx={{ overflowWrap: 'break-word' }}>
                    <ChangeText entry={entry} />
                  </TableCell>
                  <TableCell sx={{ color: entry.ok === false ? 'error.main' : undefined }}>
                    {describeOutcome(entry)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {activity.hasNextPage && (
        <Button
          onClick={() => void activity.fetchNextPage()}
          loading={activity.isFetchingNextPage}
          sx={{ alignSelf: 'flex-start' }}
        >
          Show older changes
        </Button>
      )}
    </Stack>
  )
}
