import AddIcon from '@mui/icons-material/Add'
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
import { useQuery } from '@tanstack/react-query'
import { visuallyHidden } from '@mui/utils'
import { Suspense, lazy, memo, useId, useMemo, useState } from 'react'
import { Link as RouterLink, useSearchParams } from 'react-router'
import { pageTitle } from '../ui/product'
import { usePermission } from '../connection'
import { QueryProblem } from '../ui/query-problem'
import { SearchField } from '../ui/search-field'
import { usePreload } from '../ui/use-preload'
import { useScreenFirst } from '../ui/use-screen-first'
import { PoolDetailPage } from './pages'
import { poolPath } from '../lib/app-paths'
import { poolHealth, healthBadge, type PoolHealth } from './health'
import { usePoolDelivery } from './use-pool-delivery'
import { ipQueries } from '../ips'
import { isNotServedHere } from '../lib/api-client'
import type { DeliverySummary } from '../shared/delivery'
import { DELIVERY_CELL_STYLES, DeliverySummaryCell } from '../delivery'
import { poolQueries } from './queries'
import { MAX_POOLS, poolLimitProblem } from './rules'
import { KEY_COLUMN_FIXED } from '../ui/table-styles'

const loadCreatePoolDialog = () => import('./create-pool-dialog')
const CreatePoolDialog = lazy(loadCreatePoolDialog)
const CheckPoolNameDialog = lazy(() => import('./check-pool-name-dialog'))

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

export function PoolListPage() {
  const pools = useQuery(poolQueries.list())
  // One paged read of the account's IPs gives every pool's counts, however many pools there are.
  const inventory = useQuery(ipQueries.list())
  const health = useMemo(() => inventory.data && poolHealth(inventory.data), [inventory.data])
  const [params, setParams] = useSearchParams()
  const [creating, setCreating] = useState(false)
  const [checking, setChecking] = useState(false)
  usePreload(loadCreatePoolDialog, PoolDetailPage.preload)
  const createReasonId = useId()
  const filter = params.get('q') ?? ''
  const flaggedOnly = params.get('flagged') === '1'
  // Delivery figures come from the dashboard's server; a server that keeps none (the dev server) shows no column.
  const { summaries, pools: delivery } = usePoolDelivery()
  const showDelivery = !isNotServedHere(summaries.error)

  const names = useMemo(() => [...(pools.data ?? [])].sort(byName.compare), [pools.data])
  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase()
    return names.filter(
      (name) =>
        (!needle || name.toLocaleLowerCase().includes(needle)) &&
        (!flaggedOnly || (delivery?.[name]?.flags.length ?? 0) > 0),
    )
  }, [names, filter, flaggedOnly, delivery])
  const createPermission = usePermission('createPool')
  const cannotCreate = (pools.data ? poolLimitProblem(pools.data.length) : null) ?? createPermission.reason ?? null

  const setParam = (name: 'q' | 'flagged', value: string, options?: { replace: boolean }) =>
    setParams((current) => {
      const next = new URLSearchParams(current)
      if (value) next.set(name, value)
      else next.delete(name)
      return next
    }, options)
  // Typing refines one view; it should not leave a history entry per keystroke.
  const setFilter = (value: string) => setParam('q', value, { replace: true })

  return (
    <Stack spacing={3}>
      <title>{pageTitle('IP pools')}</title>
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}
      >
        <div>
          <Typography variant="h4" component="h1">
            IP pools
          </Typography>
          {pools.data && (
            <Typography color="text.secondary">
              {/* A count against SendGrid's limit, not a page of a longer list. */}
              {pools.data.length} {pools.data.length === 1 ? 'pool' : 'pools'} (up to {MAX_POOLS} allowed)
            </Typography>
          )}
        </div>
        <Stack sx={{ alignItems: { xs: 'flex-start', sm: 'flex-end' } }} spacing={0.5}>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button variant="outlined" onClick={() => setChecking(true)} disabled={!pools.data}>
              Check a pool name
            </Button>
            <Button
              variant="contained"
              startIcon={<AddIcon />}
              onClick={() => setCreating(true)}
              disabled={!pools.data || Boolean(cannotCreate)}
              aria-describedby={cannotCreate ? createReasonId : undefined}
            >
              Create pool
            </Button>
          </Stack>
          {cannotCreate && (
            <Typography id={createReasonId} variant="body2" color="text.secondary" sx={{ maxWidth: 320 }}>
              {cannotCreate}
            </Typography>
          )}
        </Stack>
      </Stack>

      {/* One Retry brings back all the page shows: the pools and, read with them, their IP counts. */}
      <QueryProblem
        query={pools}
        what="the pools"
        onRetry={() => Promise.all([pools.refetch(), inventory.isError && inventory.refetch()])}
      />
      {pools.data && <QueryProblem query={inventory} what="the IP counts" />}

      {pools.isPending && <CircularProgress aria-label="Loading pools" sx={{ alignSelf: 'center' }} />}

      {pools.data && (
        <>
          <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'flex-end', flexWrap: 'wrap' }}>
            <SearchField label="Filter pools" value={filter} onChange={setFilter} />
            {showDelivery && (
              // A pressed button rather than a checkbox: Button is on the first screen already.
              <Button
                variant={flaggedOnly ? 'contained' : 'outlined'}
                aria-pressed={flaggedOnly}
                onClick={() => setParam('flagged', flaggedOnly ? '' : '1')}
                disabled={!delivery && !flaggedOnly}
              >
                Needing a look only
              </Button>
            )}
          </Stack>
          {summaries.data && !summaries.data.connected && (
            <Typography color="text.secondary">
              Delivery figures appear here once SendGrid's Event Webhook is connected: a pool's page says how.
            </Typography>
          )}
          {showDelivery && summaries.data?.connected !== false && (
            <QueryProblem query={summaries} what="the delivery figures" />
          )}
          {names.length === 0 ? (
            <Paper variant="outlined" sx={{ p: 3 }}>
              <Typography variant="h6" component="h2">
                No pools yet
              </Typography>
              <Typography color="text.secondary">
                Group your dedicated IPs into pools, such as “transactional” and “marketing”, so each kind of mail keeps
                its own reputation.
              </Typography>
            </Paper>
          ) : (
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
                  <PoolRows names={shown} health={health} delivery={delivery} />
                  {shown.length === 0 && (
                    <TableRow>
                      <TableCell colSpan={delivery ? 4 : 3}>
                        <Typography color="text.secondary">
                          {flaggedOnly && !filter
                            ? 'No pool needs a look.'
                            : `No pool${flaggedOnly ? ' needing a look' : ''} matches “${filter}”.`}
                        </Typography>
                      </TableCell>
                    </TableRow>
                  )}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </>
      )}

      {checking && (
        <Suspense fallback={null}>
          <CheckPoolNameDialog onClose={() => setChecking(false)} />
        </Suspense>
      )}
      {creating && (
        <Suspense fallback={null}>
          <CreatePoolDialog onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </Stack>
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
