import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { Suspense, lazy, useId, useState } from 'react'
import { IpIncidentBanner } from './ip-incident-banner'
import { useLocation } from 'react-router'
import { VIEWER_REASON, usePermissions, useRole } from '../connection'
import { DeliveryPanel } from '../delivery'
import { WarmupDialog, ipQueries, type AccountIp, sameIp, warmupPlanText, warmupSince } from '../ips'
import { ipFromPath } from '../shared/app-paths'
import { BackLink } from '../ui/back-link'
import { pageTitle } from '../ui/product'
import { QueryProblem } from '../ui/query-problem'
import { PoolLinks } from '../ui/pool-links'

const AddToPoolDialog = lazy(() => import('./add-to-pool-dialog'))
const MoveIpDialog = lazy(() => import('./move-ip-dialog'))
const RemoveIpDialog = lazy(() => import('./remove-ip-dialog'))

/** A dialog, opened from the page or from an open alert (whose incident the journal then names). */
type OpenDialog = ({ kind: 'move' | 'remove'; pool: string } | { kind: 'add' | 'warmup' }) & { incident?: string }

/**
 * One IP's page (/ips/:ip), kept with the pools since what it changes is which pools the IP is in. One IP: the pools
 * it sends for, where it is in its warmup, and how its mail is doing, with what fixes it (moving
 * it, taking it out of a pool or adding it to one, starting or stopping its warmup) one click from the figures.
 */
export default function IpPage() {
  const ip = ipFromPath(useLocation().pathname)
  const inventory = useQuery(ipQueries.list())
  const account = inventory.data?.find((one) => sameIp(one.ip, ip))
  const [dialog, setDialog] = useState<OpenDialog | null>(null)
  const can = usePermissions()
  const viewer = useRole() === 'viewer'
  const reasonId = useId()
  const addReasonId = useId()
  const warmupReasonId = useId()
  const allowed = can('removeIp').allowed
  const close = () => setDialog(null)
  const reason = (action: Parameters<typeof can>[0]) => (viewer ? VIEWER_REASON : can(action).reason)
  const warmupAction = account?.warmup ? 'stopWarmup' : 'startWarmup'

  const warmup = account?.warmup && account.startDate !== null ? account.startDate : null

  return (
    <Stack spacing={3}>
      <title>{pageTitle(ip)}</title>
      <BackLink to="/ips">IP addresses</BackLink>
      <div>
        <Typography variant="h4" component="h1" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
          {ip}
        </Typography>
        {account && (
          <Typography color="text.secondary">
            {account.rdns ?? 'No reverse DNS name'}
            {account.subusers.length > 0 && ` · sends for ${account.subusers.join(', ')}`}
          </Typography>
        )}
      </div>

      {account && <IpIncidentBanner account={account} onFix={setDialog} />}
      <QueryProblem query={inventory} what="the IP addresses" />
      {inventory.isPending && <CircularProgress aria-label="Loading the IP" sx={{ alignSelf: 'center' }} />}
      {inventory.data && !account && <Alert severity="warning">There is no IP {ip} on this account.</Alert>}

      {account && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Stack spacing={1.5}>
            <div>
              <Typography variant="subtitle2" component="h2">
                Pools
              </Typography>
              {account.pools.length === 0 ? (
                <Typography color="text.secondary">In no pool: it sends only mail that names no pool.</Typography>
              ) : (
                <Stack spacing={1}>
                  {account.pools.map((pool) => (
                    <Stack
                      key={pool}
                      direction="row"
                      spacing={1}
                      useFlexGap
                      sx={{ alignItems: 'center', flexWrap: 'wrap' }}
                    >
                      <PoolLinks pools={[pool]} />
                      <Button
                        size="small"
                        onClick={() => setDialog({ kind: 'move', pool })}
                        disabled={!allowed}
                        aria-describedby={allowed ? undefined : reasonId}
                        aria-label={`Move ${ip} out of ${pool}`}
                      >
                        Move
                      </Button>
                      <Button
                        size="small"
                        color="error"
                        onClick={() => setDialog({ kind: 'remove', pool })}
                        disabled={!allowed}
                        aria-describedby={allowed ? undefined : reasonId}
                        aria-label={`Remove ${ip} from ${pool}`}
                      >
                        Remove
                      </Button>
                    </Stack>
                  ))}
                </Stack>
              )}
              {!allowed && account.pools.length > 0 && (
                <Typography id={reasonId} variant="body2" color="text.secondary">
                  {reason('removeIp')}
                </Typography>
              )}
              <Button
                size="small"
                onClick={() => setDialog({ kind: 'add' })}
                disabled={!can('addIp').allowed}
                aria-describedby={can('addIp').allowed ? undefined : addReasonId}
                aria-label={`Add ${ip} to a pool`}
                sx={{ mt: 1 }}
              >
                Add to pool
              </Button>
              {!can('addIp').allowed && (
                <Typography id={addReasonId} variant="body2" color="text.secondary">
                  {reason('addIp')}
                </Typography>
              )}
            </div>
            <div>
              <Typography variant="subtitle2" component="h2">
                Warmup
              </Typography>
              <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography>
                  {warmup === null
                    ? 'Not warming up: it may send at full volume.'
                    : `Warming up ${warmupSince(warmup)}.`}
                </Typography>
                <Button
                  size="small"
                  color={account.warmup ? 'error' : 'primary'}
                  onClick={() => setDialog({ kind: 'warmup' })}
                  disabled={!can(warmupAction).allowed}
                  aria-describedby={can(warmupAction).allowed ? undefined : warmupReasonId}
                >
                  {account.warmup ? 'Stop warmup' : 'Start warmup'}
                </Button>
              </Stack>
              {!can(warmupAction).allowed && (
                <Typography id={warmupReasonId} variant="body2" color="text.secondary">
                  {reason(warmupAction)}
                </Typography>
              )}
            </div>
          </Stack>
        </Paper>
      )}

      {account && (
        <DeliveryPanel
          of={{ ip: account.ip }}
          what="from this IP"
          // Deferrals during warmup are what a sender watches: today's cap sits beside the figures.
          beside={warmup === null ? undefined : `Warming up ${warmupSince(warmup)}: ${warmupPlanText(warmup)}`}
        />
      )}

      {account && dialog && <IpDialog account={account} dialog={dialog} onClose={close} />}
    </Stack>
  )
}

/** The dialog open on an IP's page. */
function IpDialog({
  account,
  dialog,
  onClose: close,
}: {
  account: AccountIp
  dialog: OpenDialog
  onClose: () => void
}) {
  return (
    <Suspense fallback={null}>
      {dialog.kind === 'move' && (
        <MoveIpDialog ip={account.ip} from={dialog.pool} incident={dialog.incident} onClose={close} onMoved={close} />
      )}
      {dialog.kind === 'remove' && (
        <RemoveIpDialog
          pool={dialog.pool}
          ip={account.ip}
          incident={dialog.incident}
          onClose={close}
          onRemoved={close}
        />
      )}
      {dialog.kind === 'add' && <AddToPoolDialog ip={account.ip} onClose={close} />}
      {dialog.kind === 'warmup' && <WarmupDialog ip={account} incident={dialog.incident} onClose={close} />}
    </Suspense>
  )
}
