import Alert from '@mui/material/Alert'
import CircularProgress from '@mui/material/CircularProgress'
import Stack from '@mui/material/Stack'
import { useQuery } from '@tanstack/react-query'
import { Suspense, lazy, useId, useMemo, useRef, useState } from 'react'
import { useLocation } from 'react-router'
import { ACTION_SCOPES, VIEWER_REASON, usePermissions, useRole, type PoolAction } from '../connection'
import { OVER_CAP_CONSEQUENCE } from '../ips'
import { ApiError } from '../lib/api-client'
import { NotFoundPage } from '../ui/not-found-page'
import { pageTitle } from '../ui/product'
import { QueryProblem } from '../ui/query-problem'
import { usePreload } from '../ui/use-preload'
import { WhenVisible } from '../ui/when-visible'
import { DeliveryPanel } from '../delivery'
import type { PoolIp } from './api'
import { poolNameFromPath } from '../shared/app-paths'
import { PoolHeader } from './pool-header'
import { PoolIncidentBanner } from './pool-incident-banner'
import { PoolMembers } from './pool-members'
import { poolQueries } from './queries'
import { SendingSnippets } from './sending-snippets'
import { useFollowRename } from './follow-rename'
import { usePoolMembership } from './use-pool-membership'

const loadAddIpDialog = () => import('./add-ip-dialog')
const loadRenamePoolDialog = () => import('./rename-pool-dialog')
const loadDeletePoolDialog = () => import('./delete-pool-dialog')
const loadRemoveIpDialog = () => import('./remove-ip-dialog')
const AddIpDialog = lazy(loadAddIpDialog)
const RenamePoolDialog = lazy(loadRenamePoolDialog)
const DeletePoolDialog = lazy(loadDeletePoolDialog)
const RemoveIpDialog = lazy(loadRemoveIpDialog)
const loadMoveIpDialog = () => import('./move-ip-dialog')
// Below the fold, and with its own list widgets: not worth a place in the first page's bundle.
const RecentActivity = lazy(() => import('../activity').then((activity) => ({ default: activity.RecentActivity })))
const MoveIpDialog = lazy(loadMoveIpDialog)

type OpenDialog =
  | { kind: 'add' }
  | { kind: 'rename' }
  | { kind: 'delete' }
  | { kind: 'remove'; ip: string; incident?: string }
  | { kind: 'move'; ip: string; incident?: string }
  | null

export default function PoolDetailPage() {
  const name = poolNameFromPath(useLocation().pathname)
  const pool = useQuery(poolQueries.detail(name))
  useFollowRename(name)
  const [dialog, setDialog] = useState<OpenDialog>(null)
  usePreload(loadAddIpDialog, loadRenamePoolDialog, loadDeletePoolDialog, loadRemoveIpDialog, loadMoveIpDialog)
  // The other pools each IP is in, and IPs added in the last minute, which SendGrid may not list yet: shown here and
  // in "Also in" all the same.
  const { poolsOf, recent } = usePoolMembership()
  const justAdded = useMemo(() => new Set(recent.filter((r) => r.pool === name).map((r) => r.ip)), [recent, name])
  const members = useMemo(() => {
    if (!pool.data) return undefined
    const listed = new Set(pool.data.ips.map((member) => member.ip))
    const unlisted = [...justAdded].filter((ip) => !listed.has(ip))
    return [...pool.data.ips, ...unlisted.map((ip): PoolIp => ({ ip, warmup: null, startDate: null }))]
  }, [pool.data, justAdded])
  const ipsHeading = useRef<HTMLHeadingElement>(null)
  const close = () => setDialog(null)
  const can = usePermissions()
  const viewer = useRole() === 'viewer'
  const missing = (['addIp', 'renamePool', 'deletePool', 'removeIp'] as const).filter((action) => !can(action).allowed)
  const readOnlyId = useId()
  /** Disabled while loading, or when the key may not do it; the notice below says which permission is missing. */
  const actionProps = (action: PoolAction) => ({
    disabled: !pool.data || !can(action).allowed,
    'aria-describedby': can(action).allowed ? undefined : readOnlyId,
  })

  if (pool.error instanceof ApiError && pool.error.status === 404) {
    return (
      <NotFoundPage title="Pool not found">
        There is no pool named “{name}”. It may have been renamed or deleted.
      </NotFoundPage>
    )
  }

  return (
    <Stack spacing={3}>
      <title>{pageTitle(name)}</title>
      <PoolHeader
        name={name}
        count={members?.length}
        actionProps={actionProps}
        onAdd={() => setDialog({ kind: 'add' })}
        onRename={() => setDialog({ kind: 'rename' })}
        onDelete={() => setDialog({ kind: 'delete' })}
      />

      {missing.length > 0 && (
        <Alert id={readOnlyId} severity="info" role="note">
          {viewer
            ? VIEWER_REASON
            : `Some actions are turned off: this API key lacks ${missing.map((action) => ACTION_SCOPES[action]).join(', ')}.`}
        </Alert>
      )}
      {members && members.length > 0 && members.every((member) => member.warmup) && (
        <Alert severity="warning">
          Every IP in this pool is warming up, so it can send only up to their hourly caps. {OVER_CAP_CONSEQUENCE}
        </Alert>
      )}
      {pool.data && members && (
        <PoolIncidentBanner pool={pool.data.name} ips={members.map((member) => member.ip)} onFix={setDialog} />
      )}
      <QueryProblem query={pool} what="this pool" />
      {pool.isPending && <CircularProgress aria-label="Loading pool" sx={{ alignSelf: 'center' }} />}

      {pool.data && members && (
        <PoolMembers
          pool={pool.data.name}
          members={members}
          justAdded={justAdded}
          poolsOf={poolsOf}
          headingRef={ipsHeading}
          removeProps={actionProps('removeIp')}
          // A move adds there and removes here: whichever permission is missing disables it.
          moveProps={actionProps(can('addIp').allowed ? 'removeIp' : 'addIp')}
          onMove={(ip) => setDialog({ kind: 'move', ip })}
          onRemove={(ip) => setDialog({ kind: 'remove', ip })}
        />
      )}

      {pool.data && (
        <WhenVisible>
          <DeliveryPanel of={{ pool: pool.data.name }} what="through this pool" />
        </WhenVisible>
      )}
      {pool.data && <SendingSnippets pool={pool.data.name} />}
      {pool.data && (
        <Suspense fallback={null}>
          <RecentActivity pool={pool.data.name} />
        </Suspense>
      )}

      {pool.data && dialog && (
        <Suspense fallback={null}>
          {dialog.kind === 'add' && <AddIpDialog pool={pool.data} onClose={close} />}
          {dialog.kind === 'rename' && <RenamePoolDialog name={pool.data.name} onClose={close} />}
          {dialog.kind === 'delete' && <DeletePoolDialog pool={pool.data} onClose={close} />}
          {dialog.kind === 'move' && (
            <MoveIpDialog
              ip={dialog.ip}
              incident={dialog.incident}
              from={pool.data.name}
              onClose={close}
              onMoved={() => {
                close()
                requestAnimationFrame(() => ipsHeading.current?.focus())
              }}
            />
          )}
          {dialog.kind === 'remove' && (
            <RemoveIpDialog
              pool={pool.data.name}
              ip={dialog.ip}
              incident={dialog.incident}
              onClose={close}
              onRemoved={() => {
                close()
                // The row and its button are gone: once the dialog has let go of focus, give it a place to land.
                requestAnimationFrame(() => ipsHeading.current?.focus())
              }}
            />
          )}
        </Suspense>
      )}
    </Stack>
  )
}
