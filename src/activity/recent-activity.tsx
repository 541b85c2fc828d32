import { isNotServedHere } from '../lib/api-client'
import Link from '@mui/material/Link'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { Link as RouterLink } from 'react-router'
import { QueryProblem } from '../ui/query-problem'
import { ChangeText } from './change-text'
import { describeOutcome, entryTime } from './describe'
import { activityQueries, useActivityFollowsChanges } from './queries'

const SHOWN = 5

/** A pool's last few changes on its own page, with the way to all of them. */
export default function RecentActivity({ pool }: { pool: string }) {
  const recent = useQuery(activityQueries.recent(pool, SHOWN))
  useActivityFollowsChanges()
  const headingId = useId()
  const entries = recent.data?.entries ?? []
  // A server that keeps no journal (the dev server) has nothing to show here: no section, rather than an error.
  if (isNotServedHere(recent.error)) return null
  return (
    <section aria-labelledby={headingId}>
      <Typography id={headingId} variant="h6" component="h2" sx={{ mb: 1 }}>
        Recent changes
      </Typography>
      <QueryProblem query={recent} what="this pool's changes" />
      {recent.isSuccess && entries.length === 0 && (
        <Typography color="text.secondary">No changes to this pool have been made through this dashboard.</Typography>
      )}
      {entries.length > 0 && (
        <List dense disablePadding aria-labelledby={headingId}>
          {entries.map((entry) => (
            <ListItem key={entry.id} disableGutters sx={{ display: 'block' }}>
              <Typography variant="body2" component="span" color="text.secondary">
                <time dateTime={entry.time}>{entryTime(entry)}</time> · {entry.user} ·{' '}
              </Typography>
              <Typography variant="body2" component="span">
                <ChangeText entry={entry} unlinked={pool} />
                {entry.ok ? '' : ` (${describeOutcome(entry)})`}
              </Typography>
            </ListItem>
          ))}
        </List>
      )}
      {recent.isSuccess && (
        <Link component={RouterLink} to={`/activity?${new URLSearchParams({ pool })}`}>
          All changes to this pool
        </Link>
      )}
    </section>
  )
}
