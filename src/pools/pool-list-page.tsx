import AddIcon from '@mui/icons-material/Add'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { Suspense, lazy, useId, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'
import { pageTitle } from '../ui/product'
import { usePermission } from '../connection'
import { QueryProblem } from '../ui/query-problem'
import { SearchField } from '../ui/search-field'
import { usePreload } from '../ui/use-preload'
import { PoolDetailPage } from './pages'
import { PoolTable } from './pool-table'
import { poolHealth } from './health'
import { usePoolDelivery } from './use-pool-delivery'
import { ipQueries } from '../ips'
import { isNotServedHere } from '../lib/api-client'
import { poolQueries } from './queries'
import { DriftNotice, ExportLayoutButton } from '../layout'
import { MAX_POOLS, poolLimitProblem } from '../shared/pool-names'

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
            <ExportLayoutButton />
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
        <Suspense fallback={null}>
          <DriftNotice />
        </Suspense>
      )}

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
            <PoolTable
              names={shown}
              health={health}
              delivery={delivery}
              noMatch={
                flaggedOnly && !filter
                  ? 'No pool needs a look.'
                  : `No pool${flaggedOnly ? ' needing a look' : ''} matches “${filter}”.`
              }
            />
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
