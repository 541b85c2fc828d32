import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { ActionDialog } from '../ui/action-dialog'
import { errorMessage } from '../lib/error-message'
import { useNotify } from '../ui/notifications'
import { useField } from '../ui/use-field'
import type { MoveOutcome } from './bulk'
import { describeMove } from './bulk-messages'
import { findHalfMove, forgetHalfMove, halfMovesQuery } from './half-moves'
import { poolQueries, useMoveIp } from './queries'
import { useUndo } from './undo'
import { usePoolMembership } from './use-pool-membership'

interface MoveIpDialogProps {
  ip: string
  from: string
  onClose: () => void
  onMoved: () => void
  /** The alert this is a fix for, named in the journal. */
  incident?: string
}

/**
 * One action for what SendGrid does in two calls. A move that stops half way says so and is remembered, closed or
 * not, until it is finished or the IP is left in both pools.
 */
export default function MoveIpDialog({ ip, from, incident, onClose, onMoved }: MoveIpDialogProps) {
  const queryClient = useQueryClient()
  const pools = useQuery(poolQueries.list())
  const move = useMoveIp()
  const notify = useNotify()
  const undo = useUndo()
  const halfMove = findHalfMove(useQuery(halfMovesQuery()).data ?? [], ip, from)
  // Only pools the IP is not in already (as SendGrid lists it, or as just added from here).
  const alreadyIn = new Set(usePoolMembership().poolsOf?.get(ip))
  const targets = (pools.data ?? []).filter((name) => name !== from && !alreadyIn.has(name))
  const noTarget =
    !pools.data || targets.length > 0
      ? null
      : pools.data.length > 1
        ? `${ip} is already in every other pool: there is no pool to move it to.`
        : 'There is no other pool to move it to: create one first.'
  const to = useField('', (value) => noTarget ?? (value ? null : 'Choose the pool to move it to.'))
  // Having nowhere to go is said at once, not only on trying.
  const shownProblem = noTarget ?? to.shown

  /** Once a move is done, says so with Undo; a move that is not done stays said in the dialog, below. */
  const whenMoved = (target: string) => (outcome: MoveOutcome) => {
    if (outcome.status !== 'moved') return
    notify(describeMove({ ip, from, to: target }, outcome), { undo: undo.moveIp({ ip, from, to: target }) })
    onMoved()
  }

  const submit = () => {
    // Half way through, the target is fixed: finish that move rather than start another.
    if (halfMove) {
      move.mutate(
        { ...halfMove, added: true, ...(incident ? { incident } : {}) },
        { onSuccess: whenMoved(halfMove.to) },
      )
      return true
    }
    if (!to.validate()) return false
    move.mutate({ ip, from, to: to.value, ...(incident ? { incident } : {}) }, { onSuccess: whenMoved(to.value) })
    return true
  }
  // A refusal before anything changed is said in the dialog; a half move is said by the record it left.
  const failure =
    move.data?.status === 'not-moved' && move.variables ? { move: move.variables, outcome: move.data } : null

  return (
    <ActionDialog
      pending={move.isPending}
      title="Move IP address"
      submitLabel={halfMove ? 'Finish move' : 'Move'}
      error={move.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography>
        Move <strong>{ip}</strong> out of “{from}” and into another pool: it is added there first, then removed here.
      </Typography>
      {halfMove ? (
        <Alert
          severity="warning"
          action={
            <Button
              color="inherit"
              size="small"
              onClick={() => {
                forgetHalfMove(queryClient, halfMove)
                notify(`${ip} stays in both “${from}” and “${halfMove.to}”`)
                onClose()
              }}
            >
              Leave in both
            </Button>
          }
        >
          {ip} was added to “{halfMove.to}” but is still in “{from}”, so it is in both pools.
          {move.data?.status === 'half-moved' && ` ${errorMessage(move.data.error)}`} Finish the move to take it out of
          “{from}”, or leave it in both pools.
        </Alert>
      ) : (
        <TextField
          select
          label="Move to pool"
          value={to.value}
          onChange={(event) => to.setValue(event.target.value)}
          error={Boolean(shownProblem)}
          helperText={shownProblem ?? ' '}
        >
          {targets.map((name) => (
            <MenuItem key={name} value={name}>
              {name}
            </MenuItem>
          ))}
        </TextField>
      )}
      {/* Of the move that was sent, whatever has been chosen since. */}
      {failure && <Alert severity="error">{describeMove(failure.move, failure.outcome)}</Alert>}
    </ActionDialog>
  )
}
