import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import type { ApplyView } from '../shared/layout-api'
import { QueryProblem } from '../ui/query-problem'
import { StepLine } from './plan-view'
import { layoutQueries, refreshAfterApply } from './queries'
import { whenText } from '../lib/time-format'

const STATES = { pending: 'not sent', done: 'done', failed: 'failed', unknown: 'outcome unknown' } as const

const HEADINGS: Record<ApplyView['status'], string> = {
  running: 'Applying',
  done: 'Applied',
  failed: 'Stopped',
  interrupted: 'Interrupted',
}

/** One apply as it runs and once it has ended: how far it is, each step's outcome, and undo while it can be. */
export function ApplyProgress({ id, onUndo }: { id: string; onUndo?: (view: ApplyView) => void }) {
  const apply = useQuery(layoutQueries.apply(id))
  const queryClient = useQueryClient()
  const view = apply.data
  // Once it has ended, everything shown may have changed.
  const wasRunning = useRef(false)
  useEffect(() => {
    if (view?.status === 'running') wasRunning.current = true
    else if (view && wasRunning.current) {
      wasRunning.current = false
      refreshAfterApply(queryClient)
    }
  }, [view, queryClient])

  if (!view) return <QueryProblem query={apply} what="the apply" />
  const total = view.steps.length
  const done = view.steps.filter((step) => step.state === 'done').length
  const settled = view.steps.filter((step) => step.state !== 'pending').length
  const title = `${HEADINGS[view.status]}${view.undoOf ? ' (an undo)' : ''}: ${done} of ${total} changes made`
  return (
    <Stack spacing={1.5} component="section" aria-label="Apply">
      <Typography variant="h6" component="h2">
        {title}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={total ? (settled / total) * 100 : 100}
        aria-label={`${settled} of ${total} changes sent`}
        color={view.status === 'failed' || view.status === 'interrupted' ? 'error' : 'primary'}
      />
      {view.status !== 'running' && (
        <Alert
          severity={view.status === 'done' ? 'success' : 'error'}
          action={
            view.undoable &&
            onUndo && (
              <Button color="inherit" size="small" onClick={() => onUndo(view)}>
                Undo this apply
              </Button>
            )
          }
        >
          {view.message}
          {view.undoneBy ? ' It has been undone.' : ''}
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary">
        Started {whenText(view.startedAt)} by {view.by}
        {view.token ? ` with the token “${view.token}”` : ''}.
      </Typography>
      <Box component="ol" aria-label="Changes of this apply" sx={{ m: 0, p: 0, maxHeight: 360, overflow: 'auto' }}>
        {view.steps.map((step, index) => (
          <StepLine
            key={index}
            step={step.change}
            state={
              step.state === 'pending' && step.message
                ? step.message
                : `${STATES[step.state]}${step.message ? `: ${step.message}` : ''}`
            }
          />
        ))}
      </Box>
    </Stack>
  )
}
