import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TablePagination from '@mui/material/TablePagination'
import TableRow from '@mui/material/TableRow'
import TableSortLabel from '@mui/material/TableSortLabel'
import Typography from '@mui/material/Typography'
import type { DeliverySummaries } from '../shared/delivery'
import { DELIVERY_CELL_STYLES } from '../delivery'
import { AccountIpRow } from './account-ip-row'
import type { AccountIp, ReverseDns } from './api'
import type { IpView, SortColumn } from './ip-view'
import { ROWS_PER_PAGE } from './use-ip-view'
import { KEY_COLUMN_FIXED } from '../ui/table-styles'

const COLUMNS: { id: SortColumn; label: string }[] = [
  { id: 'ip', label: 'IP address' },
  { id: 'pools', label: 'Pools' },
  { id: 'warmup', label: 'Warmup' },
  // Beside warmup: deferrals during warmup are what a sender watches.
  { id: 'delivery', label: 'Delivery, last 7 days' },
  { id: 'rdns', label: 'Reverse DNS' },
  { id: 'subusers', label: 'Subusers' },
  { id: 'assigned', label: 'Assigned' },
]

/** Whether the key may start (or stop) warmup, and if not, the id of the note that says why. */
interface WarmupAction {
  allowed: boolean
  reasonId: string
}

interface IpTableProps {
  view: IpView
  show: (change: Partial<IpView>) => void
  /** How many rows the filters select, the page shown, and its rows. */
  count: number
  page: number
  pageRows: readonly AccountIp[]
  /** Each IP's reverse DNS record by address; undefined until the records are known. */
  records: ReadonlyMap<string, ReverseDns> | undefined
  /** Each IP's delivery summary by address; undefined where the server keeps no figures or none have arrived. */
  delivery: DeliverySummaries['of'] | undefined
  /** The record being validated. */
  validatingId: number | undefined
  warmupActions: { start: WarmupAction; stop: WarmupAction }
  onWarmup: (ip: AccountIp) => void
  /** Absent where the user may not change anything. */
  onValidate?: (record: ReverseDns) => void
  onEditSubusers?: (ip: AccountIp) => void
}

/** A page of the account's IPs, sortable by each column, with each row's actions. */
export function IpTable({
  view,
  show,
  count,
  page,
  pageRows,
  records,
  delivery,
  validatingId,
  warmupActions,
  onWarmup,
  onValidate,
  onEditSubusers,
}: IpTableProps) {
  const columns = delivery ? COLUMNS : COLUMNS.filter((column) => column.id !== 'delivery')
  return (
    <TableContainer component={Paper} variant="outlined" sx={KEY_COLUMN_FIXED}>
      <Table
        aria-label="IP addresses"
        size="small"
        sx={{
          '& th, & td': { px: { xs: 1, sm: 2 } },
          // Body rows are plain <tr>/<td> (see AccountIpRow), styled here as MUI's small table cells.
          '& tbody td': {
            typography: 'body2',
            py: '6px',
            borderBottom: 1,
            borderColor: 'divider',
            verticalAlign: 'inherit',
          },
          '& tbody tr:hover': { bgcolor: 'action.hover' },
          // Rows style by class, not sx: a page of rows mounts per keystroke, and sx is resolved per element.
          '& .ip-address': { fontFamily: 'monospace' },
          '& .ip-nowrap': { whiteSpace: 'nowrap' },
          '& .ip-wrap': { overflowWrap: 'break-word' },
          '& .ip-block': { display: 'block', typography: 'body2' },
          '& .ip-note': { color: 'text.secondary', typography: 'body2' },
          '& .ip-problem': { color: 'error.main' },
          // The Validate button has no ripple (see ROW_BUTTON), so its keyboard focus is a ring.
          '& .row-button-focus': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 1 },
          ...DELIVERY_CELL_STYLES,
          '& .row-link-button': {
            display: 'block',
            p: 0,
            border: 0,
            background: 'none',
            font: 'inherit',
            fontSize: 13,
            fontWeight: 500,
            color: 'primary.main',
            textDecoration: 'underline',
            cursor: 'pointer',
            whiteSpace: 'nowrap',
            '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 1 },
            '&:disabled': { color: 'text.disabled', textDecoration: 'none', cursor: 'default' },
          },
        }}
      >
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <TableCell key={column.id} sortDirection={view.sort === column.id ? (view.desc ? 'desc' : 'asc') : false}>
                <TableSortLabel
                  active={view.sort === column.id}
                  direction={view.sort === column.id && view.desc ? 'desc' : 'asc'}
                  onClick={() => show({ sort: column.id, desc: view.sort === column.id && !view.desc })}
                >
                  {column.label}
                </TableSortLabel>
              </TableCell>
            ))}
            <TableCell>Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {pageRows.map((ip) => {
            const record = records && (records.get(ip.ip) ?? null)
            const warmup = ip.warmup ? warmupActions.stop : warmupActions.start
            return (
              <AccountIpRow
                key={ip.ip}
                ip={ip}
                onWarmup={onWarmup}
                record={record}
                delivery={delivery && (delivery[ip.ip] ?? null)}
                onValidate={onValidate}
                validating={validatingId !== undefined && validatingId === record?.id}
                onEditSubusers={onEditSubusers}
                allowed={warmup.allowed}
                reasonId={warmup.reasonId}
              />
            )
          })}
          {count === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length + 1}>
                <Typography color="text.secondary">No IP address matches these filters.</Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={count}
        page={page - 1}
        rowsPerPage={ROWS_PER_PAGE}
        rowsPerPageOptions={[]}
        onPageChange={(_, next) => show({ ...view, page: next + 1 })}
      />
    </TableContainer>
  )
}
