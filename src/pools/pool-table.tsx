import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { visuallyHidden } from '@mui/utils'
import { memo } from 'react'
import { Link as RouterLink } from 'react-router'
import { DELIVERY_CELL_STYLES, DeliverySummaryCell } from '../delivery'
import { poolPath } from '../shared/app-paths'
import type { DeliverySummary } from '../shared/delivery'
import { KEY_COLUMN_FIXED } from '../ui/table-styles'
import { useScreenFirst } from '../ui/use-screen-first'
import { healthBadge, type PoolHealth } from './health'

interface PoolTableProps {
  names: readonly string[]
  /** Each pool's IP counts; undefined until the inventory has loaded. */
  health: Map<string, PoolHealth> | undefined
  /** Each pool's last 7 days; undefined where the list shows no delivery column. */
  delivery: Record<string, DeliverySummary> | undefined
  /** Said in the table when no pool is shown. */
  noMatch: string
}

/** The pools as a table: name (with what needs a second look), IP counts and, where kept, the last 7 days. */
export function PoolTable({ names, health, delivery, noMatch }: PoolTableProps) {
  return (
    <TableContainer component={Paper} variant="outlined" sx={KEY_COLUMN_FIXED}>
      <Table
        aria-label="IP pools"
        sx={{
          // Body rows are plain <tr>/<td> styled here as MUI's cells, by class: a hundred of them draw the
          // first screen, and per-element styles are what took its time.
          '& tbody td': {
            typography: 'body2',
            p: 2,
            borderBottom: 1,
            borderColor: 'divider',
            verticalAlign: 'inherit',
          },
          '& tbody tr:hover': { bgcolor: 'action.hover' },
          '& .pool-name': { overflowWrap: 'anywhere' },
          '& .pool-name a': { mr: 1 },
          '& .pool-count': { textAlign: 'right' },
          '& .pool-badge': {
            px: 1,
            py: 0.25,
            borderRadius: 1,
            fontSize: 13,
            fontWeight: 600,
            whiteSpace: 'nowrap',
            bgcolor: 'warning.light',
            color: 'common.black',
          },
          '& .pool-badge-neutral': { bgcolor: 'action.selected', color: 'text.primary' },
          '& .visually-hidden': visuallyHidden,
          ...DELIVERY_CELL_STYLES,
        }}
      >
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell align="right">IPs</TableCell>
            <TableCell align="right">Warming up</TableCell>
            {delivery && <TableCell>Delivery, last 7 days</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          <PoolRows names={names} health={health} delivery={delivery} />
          {names.length === 0 && (
            <TableRow>
              <TableCell colSpan={delivery ? 4 : 3}>
                <Typography color="text.secondary">{noMatch}</Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </TableContainer>
  )
}

/** The table's rows, mounted with the list, so its first screen is drawn first (see useScreenFirst). */
function PoolRows({
  names,
  health,
  delivery,
}: {
  names: readonly string[]
  health: Map<string, PoolHealth> | undefined
  delivery: Record<string, DeliverySummary> | undefined
}) {
  return useScreenFirst(names).map((name) => (
    <PoolRow
      key={name}
      name={name}
      health={health && (health.get(name) ?? { ips: 0, warming: 0 })}
      delivery={delivery && (delivery[name] ?? null)}
    />
  ))
}

/**
 * A pool with its counts; until the inventory has loaded the counts say so rather than show zero. Memoised, and plain
 * elements styled by the table: the list's first draw is a hundred of these.
 */
const PoolRow = memo(function PoolRow({
  name,
  health,
  delivery,
}: {
  name: string
  health: PoolHealth | undefined
  /** Its delivery summary; null when it sent nothing, undefined where the list shows no delivery column. */
  delivery: DeliverySummary | null | undefined
}) {
  const badge = health && healthBadge(health)
  const count = (value: number | undefined) =>
    value === undefined ? (
      <>
        <span aria-hidden>…</span>
        <span className="visually-hidden">Loading</span>
      </>
    ) : (
      value
    )
  return (
    <tr>
      <td className="pool-name">
        <RouterLink className="list-link" to={poolPath(name)}>
          {name}
        </RouterLink>
        {badge && (
          <>
            {/* Read as "marketing, Empty", not as one word. */}
            <span className="visually-hidden">, </span>
            <span className={badge === 'Empty' ? 'pool-badge pool-badge-neutral' : 'pool-badge'}>{badge}</span>
          </>
        )}
      </td>
      <td className="pool-count">{count(health?.ips)}</td>
      <td className="pool-count">{count(health?.warming)}</td>
      {delivery !== undefined && (
        <td>
          <DeliverySummaryCell summary={delivery ?? undefined} />
        </td>
      )}
    </tr>
  )
})
