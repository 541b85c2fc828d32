import Alert from '@mui/material/Alert'
import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useNotify } from '../ui/notifications'
import { ActionDialog } from '../ui/ActionDialog'
import type { MoveOutcome } from './bulk'
import { describeMove } from './bulkMessages'
import { accountQueries, poolQueries, useMoveIp } from './queries'
import { recentlyAddedQuery } from './recentlyAdded'

interface MoveIpDialogProps {
  ip: string
  from: string
  onClose: () => void
  onMoved: () => void
}

/** One action for what SendGrid does in two calls; a move that stops half way says so and can be finished. */
export default function MoveIpDialog({ ip, from, onClose, onMoved }: MoveIpDialogProps) {
  const pools = useQuery(poolQueries.list())
  const move = useMoveIp()
  const notify = useNotify()
  const [to, setTo] = useState('')
  const [checked, setChecked] = useState(false)
  const [outcome, setOutcome] = useState<MoveOutcome | null>(null)
  const halfMoved = outcome?.status === 'half-moved'
  // Only pools the IP is not in already (as SendGrid lists it, or as just added from here); a half-done move keeps
  // its target, where the IP now is, so it can be finished.
  const inventory = useQuery(accountQueries.ips())
  const recent = useQuery(recentlyAddedQuery()).data
  const alreadyIn = new Set([
    ...(inventory.data?.find((member) => member.ip === ip)?.pools ?? []),
    ...(recent ?? []).filter((added) => added.ip === ip).map((added) => added.pool),
  ])
  const targets = (pools.data ?? []).filter(
    (name) => name !== from && (!alreadyIn.has(name) || (halfMoved && name === to)),
  )
  const noTarget = pools.data !== undefined && targets.length === 0
  const problem = noTarget
    ? (pools.data ?? []).length > 1
      ? `${ip} is already in every other pool: there is no pool to move it to.`
      : 'There is no other pool to move it to: create one first.'
    : to
      ? null
      : 'Choose the pool to move it to.'

  const submit = () => {
    setChecked(true)
    if (problem) return false
    move.mutate(
      { ip, from, to, added: halfMoved },
      {
        onSuccess: (result) => {
          if (result.status !== 'moved') return setOutcome(result)
          notify(describeMove({ ip, from, to }, result))
          onMoved()
        },
      },
    )
    return true
  }

  return (
    <ActionDialog
      title="Move IP address"
      submitLabel={halfMoved ? 'Finish move' : 'Move'}
      pending={move.isPending}
      error={move.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography>
        Move <strong>{ip}</strong> out of “{from}” and into another pool: it is added there first, then removed here.
      </Typography>
      <TextField
        select
        label="Move to pool"
        value={to}
        onChange={(event) => setTo(event.target.value)}
        // Half way through, the target is fixed: finish that move rather than start another.
        disabled={halfMoved}
        error={(checked || noTarget) && Boolean(problem)}
        helperText={((checked || noTarget) && problem) || ' '}
      >
        {targets.map((name) => (
          <MenuItem key={name} value={name}>
            {name}
          </MenuItem>
        ))}
      </TextField>
      {outcome && outcome.status !== 'moved' && (
        <Alert severity={halfMoved ? 'warning' : 'error'}>{describeMove({ ip, from, to }, outcome)}</Alert>
      )}
    </ActionDialog>
  )
}
