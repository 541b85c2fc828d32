import AddIcon from '@mui/icons-material/Add'
import ArrowBackIcon from '@mui/icons-material/ArrowBack'
import DeleteIcon from '@mui/icons-material/Delete'
import EditIcon from '@mui/icons-material/Edit'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { visuallyHidden } from '@mui/utils'
import { useQuery } from '@tanstack/react-query'
import { Suspense, lazy, useId, useMemo, useRef, useState } from 'react'
import { Link as RouterLink, useLocation } from 'react-router'
import { pageTitle } from '../ui/product'
import { NotFoundPage } from '../ui/NotFoundPage'
import { ACTION_SCOPES, VIEWER_REASON, usePermissions, useRole, type PoolAction } from '../connection/permissions'
import { ApiError } from '../lib/api-client'
import { QueryProblem } from '../ui/QueryProblem'
import { Unknown } from '../ui/Unknown'
import { usePreload } from '../ui/usePreload'
import { OVER_CAP_CONSEQUENCE, warmupPlanText, warmupSince } from '../ui/warmup'
import type { PoolIp } from './api'
import { poolNameFromPath } from './paths'
import { accountQueries, poolQueries } from './queries'
import { SendingSnippets } from './SendingSnippets'
import { PoolLinks } from './PoolLinks'
import { recentlyAddedQuery, type RecentAddition } from './recentlyAdded'
import { Badge } from '../ui/Badge'

const loadAddIpDialog = () => import('./AddIpDialog')
const loadRenamePoolDialog = () => import('./RenamePoolDialog')
const loadDeletePoolDialog = () => import('./DeletePoolDialog')
const loadRemoveIpDialog = () => import('./RemoveIpDialog')
const AddIpDialog = lazy(loadAddIpDialog)
const RenamePoolDialog = lazy(loadRenamePoolDialog)
const DeletePoolDialog = lazy(loadDeletePoolDialog)
const RemoveIpDialog = lazy(loadRemoveIpDialog)
const loadMoveIpDialog = () => import('./MoveIpDialog')
// Below the fold, and with its own list widgets: not worth a place in the first page's bundle.
const RecentActivity = lazy(() => import('../activity/RecentActivity'))
const MoveIpDialog = lazy(loadMoveIpDialog)

type OpenDialog =
  | { kind: 'add' }
  | { kind: 'rename' }
  | { kind: 'delete' }
  | { kind: 'remove'; ip: string }
  | { kind: 'move'; ip: string }
  | null

export default function PoolDetailPage() {
  const name = poolNameFromPath(useLocation().pathname)
  const pool = useQuery(poolQueries.detail(name))
  const [dialog, setDialog] = useState<OpenDialog>(null)
  usePreload(loadAddIpDialog, loadRenamePoolDialog, loadDeletePoolDialog, loadRemoveIpDialog, loadMoveIpDialog)
  // The other pools each IP is in, from the one inventory read the pool list shares.
  const inventory = useQuery(accountQueries.ips())
  // IPs added in the last minute, which SendGrid may not list yet: shown here and in "Also in" all the same.
  const recent = useQuery(recentlyAddedQuery()).data ?? NONE_RECENT
  const poolsOf = useMemo(() => {
    if (!inventory.data) return undefined
    const pools = new Map(inventory.data.map((ip) => [ip.ip, ip.pools]))
    for (const { pool: added, ip } of recent) {
      const listed = pools.get(ip) ?? []
      if (!listed.includes(added)) pools.set(ip, [...listed, added])
    }
    return pools
  }, [inventory.data, recent])
  const justAdded = useMemo(() => new Set(recent.filter((r) => r.pool === name).map((r) => r.ip)), [recent, name])
  const members = useMemo(() => {
    if (!pool.data) return undefined
    const listed = new Set(pool.data.ips.map((member) => member.ip))
    const unlisted = [...justAdded].filter((ip) => !listed.has(ip))
    return [...pool.data.ips, ...unlisted.map((ip): PoolIp => ({ ip, warmup: null, startDate: null }))]
  }, [pool.data, justAdded])
  const ipsHeadingId = useId()
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
      <Link
        component={RouterLink}
        to="/pools"
        sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, alignSelf: 'flex-start' }}
      >
        <ArrowBackIcon fontSize="small" aria-hidden />
        IP pools
      </Link>

      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}
      >
        <div style={{ minWidth: 0 }}>
          <Typography variant="h4" component="h1" sx={{ overflowWrap: 'anywhere' }}>
            {name}
          </Typography>
          {pool.data && (
            <Typography color="text.secondary">
              {members!.length === 1 ? '1 IP address' : `${members!.length} IP addresses`}
            </Typography>
          )}
        </div>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            {...actionProps('addIp')}
            onClick={() => setDialog({ kind: 'add' })}
          >
            Add IP
          </Button>
          <Button
            variant="outlined"
            startIcon={<EditIcon />}
            {...actionProps('renamePool')}
            onClick={() => setDialog({ kind: 'rename' })}
          >
            Rename
          </Button>
          <Button
            variant="outlined"
            color="error"
            startIcon={<DeleteIcon />}
            {...actionProps('deletePool')}
            onClick={() => setDialog({ kind: 'delete' })}
          >
            Delete pool
          </Button>
        </Stack>
      </Stack>

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
      <QueryProblem query={pool} what="this pool" />
      {pool.isPending && <CircularProgress aria-label="Loading pool" sx={{ alignSelf: 'center' }} />}

      {pool.data && (
        <section aria-labelledby={ipsHeadingId}>
          <Typography
            id={ipsHeadingId}
            ref={ipsHeading}
            tabIndex={-1}
            variant="h6"
            component="h2"
            sx={{ mb: 1, outline: 'none' }}
          >
            IP addresses
          </Typography>
          {members!.length === 0 ? (
            <Paper variant="outlined" sx={{ p: 3 }}>
              <Typography>No IP addresses in this pool yet.</Typography>
              <Typography color="text.secondary">
                Add one of your account's dedicated IPs so mail sent through this pool has an address to go out from.
              </Typography>
            </Paper>
          ) : (
            <TableContainer component={Paper} variant="outlined">
              <Table aria-labelledby={ipsHeadingId} sx={{ '& th, & td': { px: { xs: 1, sm: 2 } } }}>
                <TableHead>
                  <TableRow>
                    <TableCell>IP address</TableCell>
                    <TableCell>Warmup</TableCell>
                    {/* Also in the IP addresses page; left out where a phone has no room for it. */}
                    <TableCell sx={alsoInColumn}>Also in</TableCell>
                    <TableCell align="right">
                      <Box component="span" sx={visuallyHidden}>
                        Actions
                      </Box>
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {members!.map((member) => (
                    <IpRow
                      key={member.ip}
                      member={member}
                      justAdded={justAdded.has(member.ip)}
                      removeProps={actionProps('removeIp')}
                      // A move adds there and removes here: whichever permission is missing disables it.
                      moveProps={actionProps(can('addIp').allowed ? 'removeIp' : 'addIp')}
                      onMove={() => setDialog({ kind: 'move', ip: member.ip })}
                      alsoIn={poolsOf && (poolsOf.get(member.ip) ?? []).filter((other) => other !== pool.data!.name)}
                      onRemove={() => setDialog({ kind: 'remove', ip: member.ip })}
                    />
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </section>
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

const NONE_RECENT: RecentAddition[] = []

const alsoInColumn = { display: { xs: 'none', md: 'table-cell' } } as const

type ActionProps = { disabled: boolean; 'aria-describedby'?: string }

interface IpRowProps {
  member: PoolIp
  /** Added from here within the minute SendGrid may take to list it. */
  justAdded: boolean
  /** The other pools this IP is in; undefined until the inventory has loaded. */
  alsoIn: string[] | undefined
  removeProps: ActionProps
  moveProps: ActionProps
  onMove: () => void
  onRemove: () => void
}

function IpRow({ member, justAdded, alsoIn, removeProps, moveProps, onMove, onRemove }: IpRowProps) {
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
        {member.ip}
        {justAdded && (
          <Box component="span" sx={{ ml: 1, fontFamily: 'body1.fontFamily' }}>
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
              color: (theme.vars ?? theme).palette.warning.dark,
              ...theme.applyStyles('dark', { color: (theme.vars ?? theme).palette.warning.light }),
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
