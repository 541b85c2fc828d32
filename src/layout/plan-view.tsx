import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { PlanView } from '../shared/layout-api'
import type { Change, Step } from '../shared/layout-plan'
import { planGroups, planSummary, stepText } from '../shared/layout-text'

/** How each kind of step is marked, for sight and in words for a screen reader. */
const MARKS: Record<Change['kind'], { mark: string; said: string; color: string }> = {
  create: { mark: '+', said: 'Create', color: 'success.main' },
  rename: { mark: '~', said: 'Rename', color: 'info.main' },
  add: { mark: '+', said: 'Add', color: 'success.main' },
  remove: { mark: '−', said: 'Remove', color: 'error.main' },
  delete: { mark: '−', said: 'Delete', color: 'error.main' },
}

/** One step: its mark, what it does, and what the dashboard knows about it beneath. */
export function StepLine({ step, state }: { step: Change & Partial<Pick<Step, 'warnings'>>; state?: string }) {
  const { mark, color } = MARKS[step.kind]
  return (
    <Box component="li" sx={{ listStyle: 'none', py: 0.25 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
        <Box component="span" aria-hidden sx={{ color, fontFamily: 'monospace', fontWeight: 700, width: 12 }}>
          {mark}
        </Box>
        <Typography component="span" variant="body2" sx={{ overflowWrap: 'anywhere' }}>
          {stepText(step).replace(/^./, (first) => first.toUpperCase())}
        </Typography>
        {state && (
          <Typography component="span" variant="body2" color="text.secondary">
            · {state}
          </Typography>
        )}
      </Stack>
      {step.warnings?.map((warning) => (
        <Alert
          key={warning.code}
          severity={warning.refused ? 'error' : 'warning'}
          variant="outlined"
          sx={{ ml: 2.5, mt: 0.5, py: 0 }}
        >
          {warning.message}
        </Alert>
      ))}
    </Box>
  )
}

/** What a plan would change, grouped by pool, with its refusals first: a preview, nothing is sent. */
export function PlanPreview({ view }: { view: PlanView }) {
  const { plan, refusals } = view
  return (
    <Stack spacing={2}>
      <Typography sx={{ fontWeight: 600 }}>{planSummary(plan.steps)}.</Typography>
      {refusals.length > 0 && (
        <Alert severity="error">
          This plan cannot be applied as it is:
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {refusals.map((refusal) => (
              <li key={refusal}>{refusal}</li>
            ))}
          </Box>
        </Alert>
      )}
      {planGroups(plan).map(({ pool, steps }) => (
        <Box key={pool} component="section" aria-label={`Pool ${pool}`}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {pool}
          </Typography>
          <Box component="ul" sx={{ m: 0, p: 0 }}>
            {steps.map((step) => (
              <StepLine key={stepText(step)} step={step} />
            ))}
          </Box>
        </Box>
      ))}
    </Stack>
  )
}
