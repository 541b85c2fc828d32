import Alert from '@mui/material/Alert'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { lazily } from '../lib/lazily'
import { deliveryQueries } from './queries'

const dateFormat = lazily(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }))
/** Batches wait a moment as a matter of course; longer than this, the figures are behind and the panel says so. */
const BEHIND_SECONDS = 60

/**
 * How the figures are counted: which key checks the batches and since when (a key someone swapped would show here),
 * and, when counting falls behind or a batch could not be counted, by how much.
 */
export function CountingStatus() {
  const status = useQuery(deliveryQueries.webhookStatus()).data
  if (!status?.key) return null
  const source =
    status.key === 'environment'
      ? 'the key in SENDGRID_WEBHOOK_PUBLIC_KEY'
      : `the key of webhook ${status.webhookId ?? ''}${status.connectedBy ? `, connected by ${status.connectedBy}` : ''}`
  const since = status.since ?? status.connectedAt
  const backlog = status.backlog
  return (
    <>
      {backlog && backlog.oldestWaitSeconds > BEHIND_SECONDS && (
        <Alert severity="info">
          Counting is behind: {backlog.waiting.toLocaleString()}{' '}
          {backlog.waiting === 1 ? 'batch waits' : 'batches wait'}, the oldest for{' '}
          {waitInWords(backlog.oldestWaitSeconds)}. The figures catch up as they are counted.
        </Alert>
      )}
      {backlog && backlog.setAside > 0 && (
        <Alert severity="warning">
          {backlog.setAside.toLocaleString()} {backlog.setAside === 1 ? 'batch' : 'batches'} could not be counted and{' '}
          {backlog.setAside === 1 ? 'is' : 'are'} set aside, so the figures leave{' '}
          {backlog.setAside === 1 ? 'it' : 'them'} out. After upgrading the server, an administrator runs npm run
          events:recount to count them again.
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary">
        Counted from batches signed with {source}
        {status.fingerprint && ` (${status.fingerprint})`}
        {since && `, since ${dateFormat().format(new Date(since))}`}.
      </Typography>
    </>
  )
}

function waitInWords(seconds: number): string {
  if (seconds < 120) return `${seconds} seconds`
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} minutes`
  return `${Math.round(seconds / 3600)} hours`
}
