import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useState, type ReactNode } from 'react'
import { useKeyOnServer, usePermissions, useRole, VIEWER_REASON } from '../connection'
import { errorMessage } from '../lib/error-message'
import type { WebhookStatus } from '../shared/delivery'
import { MESSAGES } from '../shared/messages'
import { QueryProblem } from '../ui/query-problem'
import { useChange } from '../ui/use-change'
import { deliveryQueries, webhookChanges } from './queries'
import { lazily } from '../lib/lazily'

const timeFormat = lazily(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }))
/** How long to watch for the test event before saying it has not come. */
const WATCH_MS = 30_000

/**
 * Connecting SendGrid's Event Webhook in three steps, each through SendGrid's API: a webhook that posts here (made
 * beside the account's others, never over one), its signing (the server reads the key from SendGrid and keeps it),
 * and SendGrid's test event, watched until it arrives.
 */
export default function ConnectWebhookDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId()
  const [testSentAt, setTestSentAt] = useState<number | null>(null)
  // While watching for the test event, the status is read every second.
  const status = useQuery({
    ...deliveryQueries.webhookStatus(),
    refetchInterval: (query) =>
      testSentAt !== null && !hasArrived(query.state.data, testSentAt) && Date.now() - testSentAt < WATCH_MS
        ? 1000
        : false,
  })
  const list = useQuery(deliveryQueries.webhooks())
  const create = useChange(webhookChanges.create)
  const sign = useChange(webhookChanges.sign)
  const test = useChange(webhookChanges.test)
  const can = usePermissions()
  const viewer = useRole() === 'viewer'
  // The server reads the webhook's key with its own SendGrid key, never with one a browser brings.
  const keyOnServer = useKeyOnServer()

  const url = status.data?.url
  const here = list.data?.webhooks.find((webhook) => webhook.url === url)
  const connected = here !== undefined && status.data?.key === 'stored' && status.data.webhookId === here.id
  const arrived = testSentAt !== null && hasArrived(status.data, testSentAt)
  // The clock ticks while watching, so the wait can end in words.
  const now = useClockUntil(testSentAt === null || arrived ? null : testSentAt + WATCH_MS)
  const watching = testSentAt !== null && !arrived && now - testSentAt < WATCH_MS

  const reason = (action: 'createWebhook' | 'signWebhook' | 'testWebhook') =>
    viewer
      ? VIEWER_REASON
      : action === 'signWebhook' && keyOnServer === false && status.data?.key !== 'environment'
        ? MESSAGES.webhookNeedsServerKey
        : can(action).reason
  const full = list.data && list.data.maxAllowed !== null && list.data.webhooks.length >= list.data.maxAllowed

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>Connect the Event Webhook</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography>
            SendGrid posts each message's events (processed, delivered, deferred, bounced…) to a webhook; the delivery
            figures are counted from them. This dashboard takes them at:
          </Typography>
          {url ? (
            <Typography component="code" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
              {url}
            </Typography>
          ) : (
            <CircularProgress aria-label="Loading the webhook's address" size={20} />
          )}
          <QueryProblem query={status} what="the webhook's status" />
          <QueryProblem query={list} what="the account's webhooks" />
          {list.isPending && <CircularProgress aria-label="Loading the account's webhooks" size={20} />}
          {status.data?.key === 'environment' && (
            <Alert severity="info" role="note">
              The server checks batches with the key in SENDGRID_WEBHOOK_PUBLIC_KEY, which wins over one connected here.
            </Alert>
          )}
          {list.data && (
            <Typography variant="body2" color="text.secondary">
              This account has {list.data.webhooks.length === 1 ? '1 webhook' : `${list.data.webhooks.length} webhooks`}
              {list.data.maxAllowed !== null && ` of ${list.data.maxAllowed} allowed`}
              {list.data.webhooks.length > 0 &&
                `: ${list.data.webhooks.map((webhook) => webhook.friendlyName ?? webhook.url).join(', ')}`}
              . Connecting adds one; none is changed.
            </Typography>
          )}

          <Step
            number={1}
            title="A webhook that posts here"
            done={here ? `Webhook ${here.friendlyName ?? here.id} posts here.` : undefined}
            error={create.error}
          >
            <Button
              variant="outlined"
              disabled={!url || !list.data || here !== undefined || Boolean(reason('createWebhook')) || Boolean(full)}
              loading={create.isPending}
              onClick={() => url && create.mutate(url)}
            >
              Create webhook
            </Button>
            {!here &&
              (reason('createWebhook') ?? (full ? 'The account has as many webhooks as its plan allows.' : null))}
          </Step>

          <Step
            number={2}
            title="Signed, with the server holding its key"
            done={
              connected
                ? `Signed. The server checks each batch with its key ${status.data?.fingerprint ?? ''} (connected${status.data?.connectedBy ? ` by ${status.data.connectedBy}` : ''}${status.data?.connectedAt ? `, ${timeFormat().format(new Date(status.data.connectedAt))}` : ''}).`
                : undefined
            }
            error={sign.error}
          >
            <Button
              variant="outlined"
              disabled={!here || connected || Boolean(reason('signWebhook'))}
              loading={sign.isPending}
              onClick={() => here && sign.mutate(here.id)}
            >
              Turn on signing
            </Button>
            {here && !connected && reason('signWebhook')}
          </Step>

          <Step
            number={3}
            title="SendGrid's test event, arrived"
            done={
              arrived && status.data?.lastBatchAt
                ? `The test event arrived at ${timeFormat().format(new Date(status.data.lastBatchAt))}.`
                : undefined
            }
            error={test.error}
          >
            <Button
              variant="outlined"
              disabled={!here || !connected || watching || Boolean(reason('testWebhook'))}
              loading={test.isPending}
              onClick={() =>
                here &&
                url &&
                test.mutate(
                  { id: here.id, url },
                  {
                    onSuccess: () => setTestSentAt(Date.now()),
                  },
                )
              }
            >
              Send a test event
            </Button>
            <span role="status">
              {watching && 'Sent. Waiting for it to arrive…'}
              {testSentAt !== null &&
                !arrived &&
                !watching &&
                `Nothing has arrived after ${WATCH_MS / 1000} seconds. SendGrid must be able to reach ${url}: an address on localhost or a private network cannot be reached from the internet.`}
            </span>
          </Step>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  )
}

/** Whether a batch has arrived since the test event was sent (the server notes arrivals to the second). */
function hasArrived(status: WebhookStatus | undefined, sentAt: number): boolean {
  return status?.lastBatchAt ? Date.parse(status.lastBatchAt) >= sentAt - 1000 : false
}

function Step({
  number,
  title,
  done,
  error,
  children,
}: {
  number: number
  title: string
  /** What is in place, once the step is done. */
  done: string | undefined
  error: unknown
  children: ReactNode
}) {
  const headingId = useId()
  return (
    <section aria-labelledby={headingId}>
      <Typography id={headingId} variant="subtitle1" component="h3">
        {number}. {title}
      </Typography>
      {done ? (
        <Alert severity="success">{done}</Alert>
      ) : (
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          {children}
        </Stack>
      )}
      {error != null && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {errorMessage(error)}
        </Alert>
      )}
    </section>
  )
}

/** The time, read again each second until `until` (ms since the epoch) has passed; null: not ticking. */
function useClockUntil(until: number | null): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (until === null) return
    const timer = setInterval(() => {
      setNow(Date.now())
      if (Date.now() >= until) clearInterval(timer)
    }, 1000)
    return () => clearInterval(timer)
  }, [until])
  return now
}
