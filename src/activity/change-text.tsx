import Link from '@mui/material/Link'
import { Link as RouterLink } from 'react-router'
import { poolPath } from '../shared/app-paths'
import type { ActivityEntry } from './api'
import { describeEntry } from './describe'

/**
 * What a journal entry changed, with the pools it names as links (or plain, for the pool the page is about) and its
 * layout apply as a link to it.
 */
export function ChangeText({ entry, unlinked }: { entry: ActivityEntry; unlinked?: string }) {
  return describeEntry(entry).map((part, i) => {
    if ('text' in part)
      return part.to ? (
        <Link key={i} component={RouterLink} to={part.to}>
          {part.text}
        </Link>
      ) : (
        <span key={i}>{part.text}</span>
      )
    return part.pool === unlinked ? (
      <span key={i}>“{part.pool}”</span>
    ) : (
      <Link key={i} component={RouterLink} to={poolPath(part.pool)}>
        {part.pool}
      </Link>
    )
  })
}
