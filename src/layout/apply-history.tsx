import Link from '@mui/material/Link'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { Link as RouterLink } from 'react-router'
import type { ApplySummary } from '../shared/layout-api'
import { whenText } from '../lib/time-format'

const OUTCOMES: Record<ApplySummary['status'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Stopped at a failure',
  interrupted: 'Interrupted',
}

/** The latest applies, newest first, each linking to its steps. */
export function ApplyHistory({ applies }: { applies: ApplySummary[] }) {
  if (applies.length === 0) return <Typography color="text.secondary">No layout has been applied here yet.</Typography>
  return (
    <Table size="small" aria-label="Recent applies">
      <TableHead>
        <TableRow>
          <TableCell>Started</TableCell>
          <TableCell>By</TableCell>
          <TableCell>Changes made</TableCell>
          <TableCell>Outcome</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {applies.map((apply) => {
          const total = apply.counts.done + apply.counts.pending + apply.counts.failed + apply.counts.unknown
          return (
            <TableRow key={apply.id}>
              <TableCell>
                <Link component={RouterLink} to={`/layout?apply=${apply.id}`}>
                  {whenText(apply.startedAt)}
                </Link>
              </TableCell>
              <TableCell>
                {apply.by}
                {apply.token ? ` (token “${apply.token}”)` : ''}
              </TableCell>
              <TableCell>
                {apply.counts.done} of {total}
              </TableCell>
              <TableCell>
                {OUTCOMES[apply.status]}
                {apply.undoOf ? ' · an undo' : ''}
                {apply.undoneBy ? ' · undone' : ''}
              </TableCell>
            </TableRow>
          )
        })}
      </TableBody>
    </Table>
  )
}
