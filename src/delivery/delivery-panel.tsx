import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
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
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { Suspense, lazy, useId, useState } from 'react'
import {
  MIN_PROVIDER_SENT,
  PROVIDER_NAMES,
  RANGES,
  deliveryFigures,
  percent,
  providerFlags,
  type ProviderTotals,
  type Range,
} from '../shared/delivery'
import { useRole } from '../connection'
import { isNotServedHere } from '../lib/api-client'
import { QueryProblem } from '../ui/query-problem'
import type { StatsOf } from './api'
import { deliveryQueries } from './queries'
import { CountingStatus } from './counting-status'
import { Figures } from './delivery-figures'
import { PANEL_LOADING_HEIGHT } from './panel-height'
import { KEY_COLUMN_FIXED } from '../ui/table-styles'

// The chart library is loaded only where a chart is shown.
const DeliveryChart = lazy(() => import('./delivery-chart'))
const ConnectWebhookDialog = lazy(() => import('./connect-webhook-dialog'))

const RANGE_NAMES: Record<Range, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' }

interface DeliveryPanelProps {
  of: StatsOf
  /** "through this pool", "from this IP": what the figures are of, in a sentence. */
  what: string
  /** Said beside the figures, such as where an IP is in its warmup. */
  beside?: string
}

/**
 * How mail sent through a pool or from an IP is doing, counted from SendGrid's Event Webhook: sent, delivered,
 * deferred, bounced and blocked, dropped and spam reports, over time and by mailbox provider. Without any events
 * yet, it says how to connect the webhook instead of showing zeros.
 */
export default function DeliveryPanel({ of, what, beside }: DeliveryPanelProps) {
  // The range is part of the address: a reload, a bookmark or a shared link shows the same period.
  const [params, setParams] = useSearchParams()
  const asked = params.get('range')
  const range: Range = asked !== null && Object.hasOwn(RANGES, asked) ? (asked as Range) : '7d'
  const setRange = (next: Range) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current)
        if (next === '7d') updated.delete('range')
        else updated.set('range', next)
        return updated
      },
      { replace: true },
    )
  const [connecting, setConnecting] = useState(false)
  const viewer = useRole() === 'viewer'
  const stats = useQuery(deliveryQueries.of(of, range))
  const headingId = useId()
  const connected = stats.data?.connected
  const sent = stats.data ? deliveryFigures(stats.data.totals).sent : 0
  // A server that keeps no figures (the dev server) shows no panel, as it shows no journal.
  if (isNotServedHere(stats.error)) return null

  return (
    // While its figures load it keeps the place they will take, so the page below does not jump.
    <Box
      component="section"
      aria-labelledby={headingId}
      sx={{ minHeight: stats.isPending ? PANEL_LOADING_HEIGHT : undefined }}
    >
      <Stack
        direction="row"
        sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1, mb: 1 }}
      >
        <Typography id={headingId} variant="h6" component="h2">
          Delivery
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          {connected && !viewer && (
            <Button size="small" onClick={() => setConnecting(true)}>
              Event Webhook
            </Button>
          )}
          <ToggleButtonGroup
            size="small"
            exclusive
            value={range}
            onChange={(_, next: Range | null) => next && setRange(next)}
            aria-label="Period"
          >
            {(Object.keys(RANGE_NAMES) as Range[]).map((key) => (
              // The visible label begins the name, so voice control finds the button by what it shows.
              <ToggleButton key={key} value={key} aria-label={`${key}, ${RANGE_NAMES[key].toLowerCase()}`}>
                {key}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Stack>
      </Stack>
      {beside && <Typography sx={{ mb: 1 }}>{beside}</Typography>}
      <QueryProblem query={stats} what="the delivery figures" />
      {stats.isPending && <CircularProgress aria-label="Loading the delivery figures" size={24} />}
      {connected === false && <NotConnected onConnect={viewer ? undefined : () => setConnecting(true)} />}
      {connected && stats.data && sent === 0 && (
        <Typography color="text.secondary">
          No mail was sent {what} in the {RANGE_NAMES[range].toLowerCase()}.
        </Typography>
      )}
      {connected && stats.data && sent > 0 && (
        <Stack spacing={2}>
          <Figures totals={stats.data.totals} providers={stats.data.providers} />
          <Suspense fallback={<CircularProgress aria-label="Loading the chart" size={24} />}>
            <DeliveryChart stats={stats.data} />
          </Suspense>
          <Providers providers={stats.data.providers} />
        </Stack>
      )}
      {connected && (
        <Stack spacing={1} sx={{ mt: 2 }}>
          <CountingStatus />
        </Stack>
      )}
      {connecting && (
        <Suspense fallback={null}>
          <ConnectWebhookDialog onClose={() => setConnecting(false)} />
        </Suspense>
      )}
    </Box>
  )
}

function Providers({ providers }: { providers: ProviderTotals }) {
  const headingId = useId()
  const shown = providers.filter((row) => deliveryFigures(row.totals).sent + row.totals.deferred > 0)
  if (shown.length === 0) return null
  return (
    <TableContainer component={Paper} variant="outlined" sx={KEY_COLUMN_FIXED}>
      <Typography id={headingId} variant="subtitle2" component="h3" sx={{ px: 2, pt: 1.5 }}>
        By mailbox provider
      </Typography>
      <Table size="small" aria-labelledby={headingId}>
        <TableHead>
          <TableRow>
            <TableCell>Provider</TableCell>
            <TableCell align="right">Sent</TableCell>
            <TableCell align="right">Delivered</TableCell>
            <TableCell align="right">Deferred</TableCell>
            <TableCell align="right">Bounced</TableCell>
            <TableCell align="right">Blocked</TableCell>
            <TableCell>Needs a look</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map(({ provider, totals }) => {
            const figures = deliveryFigures(totals)
            const flags = providerFlags(totals)
            const rate = (value: number | null) => (value === null ? '—' : percent(value))
            return (
              <TableRow key={provider}>
                <TableCell>{PROVIDER_NAMES[provider]}</TableCell>
                <TableCell align="right">{figures.sent.toLocaleString()}</TableCell>
                <TableCell align="right">{rate(figures.delivered)}</TableCell>
                <TableCell align="right">{rate(figures.deferred)}</TableCell>
                <TableCell align="right">{rate(figures.bounced)}</TableCell>
                <TableCell align="right">{rate(figures.blocked)}</TableCell>
                <TableCell>
                  {flags === null
                    ? `Not judged under ${MIN_PROVIDER_SENT.toLocaleString()} sent`
                    : flags.join(', ') || '—'}
                </TableCell>
              </TableRow>
            )
          })}
        </TableBody>
      </Table>
    </TableContainer>
  )
}

function NotConnected({ onConnect }: { onConnect: (() => void) | undefined }) {
  return (
    <Alert
      severity="info"
      role="note"
      action={
        onConnect && (
          <Button color="inherit" size="small" onClick={onConnect}>
            Connect
          </Button>
        )
      }
    >
      No delivery events have arrived yet. The figures are counted from SendGrid's Event Webhook: connect one that posts
      to this dashboard, signed, with the processed, delivered, deferred, bounce, dropped and spam report events.
      {!onConnect && ' An admin can connect it here.'}
    </Alert>
  )
}
