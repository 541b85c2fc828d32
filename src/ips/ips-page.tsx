import DownloadIcon from '@mui/icons-material/Download'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import CircularProgress from '@mui/material/CircularProgress'
import FormControlLabel from '@mui/material/FormControlLabel'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TablePagination from '@mui/material/TablePagination'
import TableRow from '@mui/material/TableRow'
import TableSortLabel from '@mui/material/TableSortLabel'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { Suspense, lazy, memo, useCallback, useId, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'
import { pageTitle } from '../ui/product'
import { usePermission, useRole } from '../connection/permissions'
import { useNotify } from '../ui/notifications'
import { errorMessage } from '../ui/errorMessage'
import type { AccountIp, ReverseDns } from '../pools/api'
import { PoolLinks } from '../pools/PoolLinks'
import { accountQueries, poolQueries, useValidateReverseDns } from '../pools/queries'
import { QueryProblem } from '../ui/QueryProblem'
import { SearchField } from '../ui/SearchField'
import { usePreload } from '../ui/usePreload'
import { warmupPlanText, warmupSince } from '../ui/warmup'
import {
  ipSortKey,
  ipsToCsv,
  paramsFromView,
  filterRows,
  searchTexts,
  sortRows,
  viewFromParams,
  type IpView,
  type SortColumn,
} from './ipTable'

const loadWarmupDialog = () => import('./WarmupDialog')
const loadSubusersDialog = () => import('./SubusersDialog')
const SubusersDialog = lazy(loadSubusersDialog)
const WarmupDialog = lazy(loadWarmupDialog)

export const ROWS_PER_PAGE = 50
const NO_POOL = '\u0000no-pool'
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

const COLUMNS: { id: SortColumn; label: string }[] = [
  { id: 'ip', label: 'IP address' },
  { id: 'pools', label: 'Pools' },
  { id: 'warmup', label: 'Warmup' },
  { id: 'rdns', label: 'Reverse DNS' },
  { id: 'subusers', label: 'Subusers' },
  { id: 'assigned', label: 'Assigned' },
]

export default function IpsPage() {
  const inventory = useQuery(accountQueries.ips())
  const pools = useQuery(poolQueries.list())
  const [params, setParams] = useSearchParams()
  const [warmupOf, setWarmupOf] = useState<AccountIp | null>(null)
  const [subusersOf, setSubusersOf] = useState<AccountIp | null>(null)
  usePreload(loadWarmupDialog, loadSubusersDialog)
  // Reverse DNS records say whether each IP may be pooled; subusers, who sends from it.
  const reverseDns = useQuery(accountQueries.reverseDns())
  const subusers = useQuery(accountQueries.subusers())
  const records = useMemo(
    () => new Map((reverseDns.data ?? []).map((record) => [record.ip, record])),
    [reverseDns.data],
  )
  const validate = useValidateReverseDns()
  const { mutate: validateRecord } = validate
  const notify = useNotify()
  const viewer = useRole() === 'viewer'
  const onValidate = useCallback(
    (record: ReverseDns) =>
      validateRecord(record.id, {
        onSuccess: (check) =>
          notify(
            check.valid
              ? `The reverse DNS record of ${record.ip} is valid`
              : `The reverse DNS record of ${record.ip} is still not valid: ${check.reason ?? 'SendGrid gave no reason'}`,
          ),
        onError: (error) => notify(`Could not validate ${record.ip}: ${errorMessage(error)}`),
      }),
    [validateRecord, notify],
  )
  const startPermission = usePermission('startWarmup')
  const stopPermission = usePermission('stopWarmup')
  const startNoteId = useId()
  const stopNoteId = useId()
  // Each button is described by the reason for its own action: stopping needs another scope than starting.
  const sameReason = startPermission.reason === stopPermission.reason

  // Filtering is cheap (rows sorted once, search texts lowercased once) and only a page of rows renders.
  const view = viewFromParams(params)
  const keys = useMemo(() => new Map((inventory.data ?? []).map(({ ip }) => [ip, ipSortKey(ip)])), [inventory.data])
  const texts = useMemo(() => searchTexts(inventory.data ?? []), [inventory.data])
  const { q, pool, noPool, warming, subuser, sort, desc } = view
  const sorted = useMemo(() => sortRows(inventory.data ?? [], sort, desc, keys), [inventory.data, sort, desc, keys])
  const rows = useMemo(
    () => filterRows(sorted, { q, pool, noPool, warming, subuser, sort, desc, page: 1 }, texts),
    [sorted, texts, q, pool, noPool, warming, subuser, sort, desc],
  )
  const lastPage = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE))
  const page = Math.min(view.page, lastPage)
  const pageRows = rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE)

  /** A new view in the address, as a step the back button undoes (unless it replaces the current one). */
  const show = (change: Partial<IpView>, { replace = false } = {}) =>
    setParams(paramsFromView({ ...view, page: 1, ...change }), { replace })

  const exportCsv = () => {
    const url = URL.createObjectURL(new Blob([ipsToCsv(rows)], { type: 'text/csv;charset=utf-8' }))
    const link = Object.assign(document.createElement('a'), { href: url, download: 'ip-addresses.csv' })
    link.click()
    URL.revokeObjectURL(url)
  }

  // Counted once per data, not on every keystroke's render.
  const { total, warmingCount, unpooled } = useMemo(() => {
    const ips = inventory.data ?? []
    return {
      total: ips.length,
      warmingCount: ips.filter((ip) => ip.warmup).length,
      unpooled: ips.filter((ip) => ip.pools.length === 0).length,
    }
  }, [inventory.data])

  return (
    <Stack spacing={3}>
      <title>{pageTitle('IP addresses')}</title>
      <div>
        <Typography variant="h4" component="h1">
          IP addresses
        </Typography>
        {inventory.data && (
          <Typography color="text.secondary">
            {total} on this account · {warmingCount} warming up · {unpooled} in no pool
          </Typography>
        )}
      </div>

      {(!startPermission.allowed || !stopPermission.allowed) && (
        <Alert severity="info" role="note">
          {sameReason ? (
            <span id={startNoteId}>Warmup changes are turned off: {startPermission.reason}</span>
          ) : (
            <>
              {!startPermission.allowed && (
                <span id={startNoteId}>Start warmup is turned off: {startPermission.reason} </span>
              )}
              {!stopPermission.allowed && (
                <span id={stopNoteId}>Stop warmup is turned off: {stopPermission.reason}</span>
              )}
            </>
          )}
        </Alert>
      )}
      <QueryProblem query={inventory} what="the IP addresses" />
      {inventory.data && <QueryProblem query={reverseDns} what="the reverse DNS records" />}
      {inventory.isPending && <CircularProgress aria-label="Loading IP addresses" sx={{ alignSelf: 'center' }} />}

      {inventory.data && (
        <>
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            <SearchField
              label="Search addresses"
              value={view.q}
              // Typing refines one view: it replaces the address rather than leave a step per keystroke.
              onChange={(q) => show({ q }, { replace: true })}
              hint="An address or reverse DNS name"
            />
            <TextField
              select
              label="Pool"
              value={view.noPool ? NO_POOL : (view.pool ?? '')}
              onChange={(event) =>
                show(
                  event.target.value === NO_POOL
                    ? { pool: null, noPool: true }
                    : { pool: event.target.value || null, noPool: false },
                )
              }
              helperText=" "
              slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
              sx={{ width: { xs: '100%', sm: 220 } }}
            >
              <MenuItem value="">Any pool</MenuItem>
              <MenuItem value={NO_POOL}>In no pool</MenuItem>
              {(pools.data ?? []).map((name) => (
                <MenuItem key={name} value={name}>
                  {name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label="Subuser"
              value={view.subuser ?? ''}
              onChange={(event) => show({ subuser: event.target.value || null })}
              helperText=" "
              slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
              sx={{ width: { xs: '100%', sm: 220 } }}
            >
              <MenuItem value="">Any subuser</MenuItem>
              {[...new Set([...(subusers.data ?? []), ...(view.subuser ? [view.subuser] : [])])].map((name) => (
                <MenuItem key={name} value={name}>
                  {name}
                </MenuItem>
              ))}
            </TextField>
            <FormControlLabel
              control={
                <Checkbox checked={view.warming} onChange={(event) => show({ warming: event.target.checked })} />
              }
              label="Warming up only"
              sx={{ mb: 2.5 }}
            />
            <Button startIcon={<DownloadIcon />} onClick={exportCsv} disabled={rows.length === 0} sx={{ mb: 2.5 }}>
              Export CSV
            </Button>
          </Stack>

          <TableContainer component={Paper} variant="outlined">
            <Table
              aria-label="IP addresses"
              size="small"
              sx={{
                '& th, & td': { px: { xs: 1, sm: 2 } },
                // Body rows are plain <tr>/<td> (see IpRow), styled here as MUI's small table cells.
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
                  {COLUMNS.map((column) => (
                    <TableCell
                      key={column.id}
                      sortDirection={view.sort === column.id ? (view.desc ? 'desc' : 'asc') : false}
                    >
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
                {pageRows.map((ip) => (
                  <IpRow
                    key={ip.ip}
                    ip={ip}
                    onWarmup={setWarmupOf}
                    record={reverseDns.data ? (records.get(ip.ip) ?? null) : undefined}
                    onValidate={viewer ? undefined : onValidate}
                    validating={validate.isPending && validate.variables === records.get(ip.ip)?.id}
                    onEditSubusers={viewer ? undefined : setSubusersOf}
                    allowed={(ip.warmup ? stopPermission : startPermission).allowed}
                    reasonId={ip.warmup && !sameReason ? stopNoteId : startNoteId}
                  />
                ))}
                {rows.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={COLUMNS.length + 1}>
                      <Typography color="text.secondary">No IP address matches these filters.</Typography>
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
            <TablePagination
              component="div"
              count={rows.length}
              page={page - 1}
              rowsPerPage={ROWS_PER_PAGE}
              rowsPerPageOptions={[]}
              onPageChange={(_, next) => show({ ...view, page: next + 1 })}
            />
          </TableContainer>
        </>
      )}

      {warmupOf && (
        <Suspense fallback={null}>
          <WarmupDialog ip={warmupOf} onClose={() => setWarmupOf(null)} />
        </Suspense>
      )}
      {subusersOf && (
        <Suspense fallback={null}>
          <SubusersDialog ip={subusersOf} onClose={() => setSubusersOf(null)} />
        </Suspense>
      )}
    </Stack>
  )
}

/**
 * The MUI button a row may carry (Validate, with its loading state): without the ripple it is much lighter, and the
 * focus ring is drawn instead. The rows' other actions are plain buttons (.row-link-button).
 */
const ROW_BUTTON = {
  size: 'small',
  disableRipple: true,
  focusVisibleClassName: 'row-button-focus',
} as const

interface IpRowProps {
  ip: AccountIp
  /** Its reverse DNS record; null when it has none, undefined until the records are known. */
  record: ReverseDns | null | undefined
  /** Absent where the user may not change anything. */
  onValidate?: (record: ReverseDns) => void
  validating: boolean
  onEditSubusers?: (ip: AccountIp) => void
  /** Whether the key may change this IP's warmup; if not, `reasonId` names the note that says why. */
  allowed: boolean
  reasonId: string
  onWarmup: (ip: AccountIp) => void
}

/**
 * Memoised, and plain <tr>/<td> styled by the table rather than MUI's row and cells: a keystroke mounts a page of
 * rows, and per-element styles are what took its time.
 */
const IpRow = memo(function IpRow({
  ip,
  record,
  onValidate,
  validating,
  onEditSubusers,
  allowed,
  reasonId,
  onWarmup,
}: IpRowProps) {
  return (
    <tr>
      <td className={ip.ip.includes(':') ? 'ip-address' : 'ip-address ip-nowrap'}>{ip.ip}</td>
      <td>{ip.pools.length === 0 ? <span className="ip-note">No pool</span> : <PoolLinks pools={ip.pools} />}</td>
      <td>
        {ip.warmup ? (
          <>
            Warming up
            {ip.startDate !== null && (
              <span className="ip-note ip-block">
                {warmupSince(ip.startDate)}
                <br />
                {warmupPlanText(ip.startDate)}
              </span>
            )}
          </>
        ) : (
          '—'
        )}
      </td>
      <td className="ip-wrap">
        {record?.rdns ?? ip.rdns ?? '—'}
        {record !== undefined && (
          <span className="ip-block">
            {record === null ? (
              ip.whitelabeled === false && <span className="ip-problem">No reverse DNS record: cannot join a pool</span>
            ) : record.valid ? (
              <span className="ip-note">Valid</span>
            ) : (
              <>
                <span className="ip-problem">Not valid: cannot join a pool</span>
                {onValidate && (
                  <Button
                    {...ROW_BUTTON}
                    onClick={() => onValidate(record)}
                    loading={validating}
                    aria-label={`Validate the reverse DNS of ${ip.ip}`}
                    sx={{ ml: 1 }}
                  >
                    Validate
                  </Button>
                )}
              </>
            )}
          </span>
        )}
      </td>
      <td className="ip-wrap">
        {ip.subusers.join(', ') || '—'}
        {onEditSubusers && (
          <button
            type="button"
            className="row-link-button"
            onClick={() => onEditSubusers(ip)}
            aria-label={`Change the subusers of ${ip.ip}`}
          >
            Change
          </button>
        )}
      </td>
      <td className="ip-nowrap">{ip.assignedAt === null ? '—' : dateFormat.format(ip.assignedAt * 1000)}</td>
      <td>
        <button
          type="button"
          className="row-link-button"
          onClick={() => onWarmup(ip)}
          disabled={!allowed}
          aria-describedby={allowed ? undefined : reasonId}
          aria-label={`${ip.warmup ? 'Stop' : 'Start'} warmup of ${ip.ip}`}
        >
          {ip.warmup ? 'Stop warmup' : 'Start warmup'}
        </button>
      </td>
    </tr>
  )
})
