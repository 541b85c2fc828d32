import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { planSummary } from '../shared/layout-text'
import { layoutQueries } from './queries'
import { whenText } from '../lib/time-format'

/**
 * Where the account differs from the last layout applied (a change in SendGrid's console, or by another tool), with
 * a way to the plan that restores it. Says nothing where no layout was applied, or nothing differs.
 */
export default function DriftNotice() {
  const drift = useQuery({ ...layoutQueries.drift(), retry: false })
  const view = drift.data
  if (!view?.lastApplied || !view.restore || view.restore.plan.steps.length === 0) return null
  const when = whenText(view.lastApplied.at)
  return (
    <Alert
      severity="warning"
      action={
        <Button component={Link} to="/layout" color="inherit" size="small">
          Review
        </Button>
      }
    >
      The account has drifted from the layout applied on {when} by {view.lastApplied.by}: restoring it would take{' '}
      {planSummary(view.restore.plan.steps).toLowerCase()}.
    </Alert>
  )
}
