import Typography from '@mui/material/Typography'
import { useNotify } from '../ui/notifications'
import { useChange } from '../ui/use-change'
import type { AccountIp } from './api'
import { ipChanges } from './queries'
import { ConfirmDialog } from '../ui/confirm-dialog'

/** Starting or stopping warmup changes how much mail an IP may send: say so before doing it. */
export default function WarmupDialog({
  ip,
  incident,
  onClose,
}: {
  ip: AccountIp
  /** The alert this is a fix for, named in the journal. */
  incident?: string
  onClose: () => void
}) {
  const start = useChange(ipChanges.startWarmup)
  const stop = useChange(ipChanges.stopWarmup)
  const notify = useNotify()
  const stopping = ip.warmup
  const change = stopping ? stop : start

  return (
    <ConfirmDialog
      title={stopping ? 'Stop warmup' : 'Start warmup'}
      confirmLabel={stopping ? 'Stop warmup' : 'Start warmup'}
      destructive={stopping}
      change={change}
      variables={{ ip: ip.ip, ...(incident ? { incident } : {}) }}
      onDone={() => {
        notify(stopping ? `Warmup of ${ip.ip} stopped` : `Warmup of ${ip.ip} started`)
        onClose()
      }}
      onClose={onClose}
    >
      {stopping ? (
        <Typography>
          Stop warming up <strong>{ip.ip}</strong>? It may then send at full volume at once. Mailbox providers distrust
          a new IP that suddenly sends a lot, so mail from it may be throttled or filtered as spam until it has a
          sending history.
        </Typography>
      ) : (
        <Typography>
          Start warming up <strong>{ip.ip}</strong>? SendGrid then caps how much mail it sends each hour and raises the
          cap step by step over several weeks. Mail beyond the cap goes out through your other, warmed-up IPs; with
          none, it waits. Sending volume from this IP drops until warmup ends.
        </Typography>
      )}
      {!stopping && (
        <Typography color="text.secondary">
          An IP that has sent nothing for 30 days needs warming up again. SendGrid&apos;s API does not say when an IP
          last sent, so check its sending statistics.
        </Typography>
      )}
    </ConfirmDialog>
  )
}
