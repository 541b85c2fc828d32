import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { visuallyHidden } from '@mui/utils'
import { useQuery } from '@tanstack/react-query'
import { useId, type Ref } from 'react'
import { Link } from 'react-router'
import { warmupPlanText, warmupSince } from '../ips'
import { ipPath } from '../shared/app-paths'
import { isNotServedHere } from '../lib/api-client'
import type { DeliverySummary } from '../shared/delivery'
import { DELIVERY_CELL_STYLES, DeliverySummaryCell, deliveryQueries } from '../delivery'
import { Badge } from '../ui/badge'
import { Unknown } from '../ui/unknown'
import type { PoolIp } from './api'
import type { ActionProps } from './pool-header'
import { PoolLinks } from '../ui/pool-links'
import { KEY_COLUMN_FIXED } from '../ui/table-styles'

interface PoolMembersProps {
  pool: string
  members: readonly PoolIp[]
  /** IPs added from here within the minute SendGrid may take to list them. */
  justAdded: ReadonlySet<string>
  /** The pools each IP is in; undefined until the inventory has loaded. */
  poolsOf: ReadonlyMap<string, readonly string[]> | undefined
  /** Where focus goes once a row it was in is gone. */
  headingRef: Ref<HTMLHeadingElement>
  removeProps: ActionProps
  moveProps: ActionProps
  onMove: (ip: string) => void
  onRemove: (ip: string) => void
}

/**
 * The pool's IPs: each one's warmup, the other pools it is in, how its mail did over the last 7 days (with what needs
 * a look), and moving or removing it, right beside those figures.
 */
export function PoolMembers({ pool, members, justAdded, poolsOf, headingRef, ...actions }: PoolMembersProps) {
  const headingId = useId()
  // A server that keeps no figures (the dev server) shows no column.
  const summaries = useQuery(deliveryQueries.summaries('ip'))
  const delivery = summaries.data?.connected && !isNotServedHere(summaries.error) ? summaries.data.of : undefined
  return (
    <section aria-labelledby={headingId}>
      <Typography
        id={headingId}
        ref={headingRef}
        tabIndex={-1}
        variant="h6"
        component="h2"
        sx={{ mb: 1, outline: 'none' }}
      >
        IP addresses
      </Typography>
      {members.length === 0 ? (
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Typography>No IP addresses in this pool yet.</Typography>
          <Typography color="text.secondary">
            Add one of your account's dedicated IPs so mail sent through this pool has an address to go out from.
          </Typography>
        </Paper>
      ) : (
        <TableContainer component={Paper} variant="outlined" sx={KEY_COLUMN_FIXED}>
          <Table aria-labelledby={headingId} sx={{ '& th, & td': { px: { xs: 1, sm: 2 } }, ...DELIVERY_CELL_STYLES }}>
            <TableHead>
              <TableRow>
                <TableCell>IP address</TableCell>
                <TableCell>Warmup</TableCell>
                {/* Also in the IP addresses page; left out where a phone has no room for it. */}
                <TableCell sx={alsoInColumn}>Also in</TableCell>
                {delivery && <TableCell sx={deliveryColumn}>Delivery, last 7 days</TableCell>}
                <TableCell align="right">
                  <Box component="span" sx={visuallyHidden}>
                    Actions
                  </Box>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {members.map((member) => (
                <PoolMemberRow
                  key={member.ip}
                  member={member}
                  justAdded={justAdded.has(member.ip)}
                  removeProps={actions.removeProps}
                  moveProps={actions.moveProps}
                  onMove={() => actions.onMove(member.ip)}
                  alsoIn={poolsOf && (poolsOf.get(member.ip) ?? []).filter((other) => other !== pool)}
                  delivery={delivery && (delivery[member.ip] ?? null)}
                  onRemove={() => actions.onRemove(member.ip)}
                />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </section>
  )
}

const alsoInColumn = { display: { xs: 'none', md: 'table-cell' } } as const
/** On a phone the row keeps its actions in view; the IP's own page has its figures. */
const deliveryColumn = { display: { xs: 'none', sm: 'table-cell' } } as const

interface PoolMemberRowProps {
  member: PoolIp
  /** Added from here within the minute SendGrid may take to list it. */
  justAdded: boolean
  /** The other pools this IP is in; undefined until the inventory has loaded. */
  alsoIn: readonly string[] | undefined
  /** Its last 7 days; null when it sent nothing, undefined where no figures are kept. */
  delivery: DeliverySummary | null | undefined
  removeProps: ActionProps
  moveProps: ActionProps
  onMove: () => void
  onRemove: () => void
}

function PoolMemberRow({
  member,
  justAdded,
  alsoIn,
  delivery,
  removeProps,
  moveProps,
  onMove,
  onRemove,
}: PoolMemberRowProps) {
  return (
    <TableRow hover>
      <TableCell
        // IPv4 never breaks; a long IPv6 address may, anywhere, rather than widen the table on a phone.
        sx={
          member.ip.includes(':')
            ? { fontFamily: 'monospace', overflowWrap: 'anywhere' }
            : { fontFamily: 'monospace', whiteSpace: 'nowrap' }
        }
      >
        {/* Its own page: its delivery figures, warmup and every pool it is in. */}
        <Link className="list-link" to={ipPath(member.ip)}>
          {member.ip}
        </Link>
        {justAdded && (
          <Box component="span" sx={{ ml: 1, fontFamily: 'body1.fontFamily' }}>
            {/* Read as "198.18.0.11, Added just now", not as one word. */}
            <Box component="span" sx={visuallyHidden}>
              ,{' '}
            </Box>
            <Badge>Added just now</Badge>
          </Box>
        )}
      </TableCell>
      <TableCell>
        {member.warmup === null ? (
          <Unknown words="Not known" />
        ) : member.warmup ? (
          <Box
            component="span"
            sx={(theme) => ({
              fontWeight: 600,
              color: theme.palette.warning.dark,
              ...theme.applyStyles('dark', { color: theme.palette.warning.light }),
            })}
          >
            Warming up
            {member.startDate !== null && (
              <Box component="span" sx={{ display: 'block', fontWeight: 400, color: 'text.secondary' }}>
                {warmupSince(member.startDate)}
                <br />
                {warmupPlanText(member.startDate)}
              </Box>
            )}
          </Box>
        ) : (
          'Not warming up'
        )}
      </TableCell>
      <TableCell sx={alsoInColumn}>
        {alsoIn === undefined ? (
          <Unknown mark="…" words="Loading" />
        ) : alsoIn.length === 0 ? (
          '—'
        ) : (
          <PoolLinks pools={alsoIn} />
        )}
      </TableCell>
      {delivery !== undefined && (
        <TableCell sx={deliveryColumn}>
          <DeliverySummaryCell summary={delivery ?? undefined} />
        </TableCell>
      )}
      <TableCell align="right">
        <Box sx={{ display: 'flex', flexDirection: { xs: 'column', sm: 'row' }, justifyContent: 'flex-end', gap: 0.5 }}>
          <Button size="small" onClick={onMove} aria-label={`Move ${member.ip}`} {...moveProps}>
            Move
          </Button>
          <Button size="small" color="error" onClick={onRemove} aria-label={`Remove ${member.ip}`} {...removeProps}>
            Remove
          </Button>
        </Box>
      </TableCell>
    </TableRow>
  )
}
