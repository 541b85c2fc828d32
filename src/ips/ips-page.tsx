import Alert from '@mui/material/Alert'
import CircularProgress from '@mui/material/CircularProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { Suspense, lazy, useCallback, useId, useMemo, useState } from 'react'
import { usePermission, useRole } from '../connection'
import { isNotServedHere } from '../lib/api-client'
import { errorMessage } from '../lib/error-message'
import { deliveryQueries } from '../delivery'
import { useNotify } from '../ui/notifications'
import { pageTitle } from '../ui/product'
import { QueryProblem } from '../ui/query-problem'
import { useChange } from '../ui/use-change'
import { usePreload } from '../ui/use-preload'
import type { AccountIp, ReverseDns } from './api'
import { IpFilters } from './ip-filters'
import { IpTable } from './ip-table'
import { ipChanges, ipQueries } from './queries'
import { useIpView } from './use-ip-view'

const loadWarmupDialog = () => import('./warmup-dialog')
const loadSubusersDialog = () => import('./subusers-dialog')
const SubusersDialog = lazy(loadSubusersDialog)
const WarmupDialog = lazy(loadWarmupDialog)

/** Every IP on the account: which pools it is in, its warmup, reverse DNS and subusers, filtered and sorted. */
export default function IpsPage() {
  const inventory = useQuery(ipQueries.list())
  // Reverse DNS records say whether each IP may be pooled; subusers, who sends from it.
  const reverseDns = useQuery(ipQueries.reverseDns())
  const subusers = useQuery(ipQueries.subusers())
  // Delivery figures come from the dashboard's server; a server that keeps none (the dev server) shows no column.
  const summaries = useQuery(deliveryQueries.summaries('ip'))
  const delivery = summaries.data?.connected ? summaries.data.of : undefined
  const { view, rows, page, pageRows, counts, show, pools } = useIpView(inventory.data, delivery)
  const [warmupOf, setWarmupOf] = useState<AccountIp | null>(null)
  const [subusersOf, setSubusersOf] = useState<AccountIp | null>(null)
  usePreload(loadWarmupDialog, loadSubusersDialog)
  const records = useMemo(
    () => reverseDns.data && new Map(reverseDns.data.map((record) => [record.ip, record])),
    [reverseDns.data],
  )
  const onValidate = useValidate()
  const viewer = useRole() === 'viewer'
  const startPermission = usePermission('startWarmup')
  const stopPermission = usePermission('stopWarmup')
  const startNoteId = useId()
  const stopNoteId = useId()
  // Each button is described by the reason for its own action: stopping needs another scope than starting.
  const sameReason = startPermission.reason === stopPermission.reason
  const warmupActions = useMemo(
    () => ({
      start: { allowed: startPermission.allowed, reasonId: startNoteId },
      stop: { allowed: stopPermission.allowed, reasonId: sameReason ? startNoteId : stopNoteId },
    }),
    [startPermission.allowed, stopPermission.allowed, startNoteId, stopNoteId, sameReason],
  )

  return (
    <Stack spacing={3}>
      <title>{pageTitle('IP addresses')}</title>
      <div>
        <Typography variant="h4" component="h1">
          IP addresses
        </Typography>
        {inventory.data && (
          <Typography color="text.secondary">
            {counts.total} on this account · {counts.warming} warming up · {counts.unpooled} in no pool
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
          <IpFilters
            view={view}
            show={show}
            pools={pools}
            subusers={subusers.data ?? []}
            rows={rows}
            delivery={delivery}
          />
          {!isNotServedHere(summaries.error) && <QueryProblem query={summaries} what="the delivery figures" />}
          <IpTable
            view={view}
            show={show}
            count={rows.length}
            page={page}
            pageRows={pageRows}
            records={records}
            delivery={delivery}
            validatingId={onValidate.pendingId}
            warmupActions={warmupActions}
            onWarmup={setWarmupOf}
            onValidate={viewer ? undefined : onValidate.validate}
            onEditSubusers={viewer ? undefined : setSubusersOf}
          />
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

/** Validating a reverse DNS record from its row, with the outcome said in a notice. */
function useValidate() {
  const change = useChange(ipChanges.validateReverseDns)
  const { mutate } = change
  const notify = useNotify()
  const validate = useCallback(
    (record: ReverseDns) =>
      mutate(record.id, {
        onSuccess: (check) =>
          notify(
            check.valid
              ? `The reverse DNS record of ${record.ip} is valid`
              : `The reverse DNS record of ${record.ip} is still not valid: ${check.reason ?? 'SendGrid gave no reason'}`,
          ),
        onError: (error) => notify(`Could not validate ${record.ip}: ${errorMessage(error)}`),
      }),
    [mutate, notify],
  )
  return { validate, pendingId: change.isPending ? change.variables : undefined }
}
