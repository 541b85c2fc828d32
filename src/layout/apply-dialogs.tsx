import Typography from '@mui/material/Typography'
import { ApiError } from '../lib/api-client'
import type { ApplyView, LayoutRefusal, PlanView } from '../shared/layout-api'
import type { LayoutFile } from '../shared/layout-file'
import { planSummary } from '../shared/layout-text'
import { ActionDialog } from '../ui/action-dialog'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { useChange } from '../ui/use-change'
import { layoutChanges } from './queries'

/** What a refusal of the layout says beside its message: the file's problems, the plan as the account is now. */
export const refusalOf = (error: unknown): LayoutRefusal | undefined =>
  error instanceof ApiError ? (error.body as LayoutRefusal | undefined) : undefined

interface ApplyDialogProps {
  layout: LayoutFile
  view: PlanView
  onStarted: (view: ApplyView) => void
  /** The account changed since the plan: the plan as it is now, to review again. */
  onReplan: (view: PlanView) => void
  onClose: () => void
}

/** Confirms an apply, saying what it changes and how it goes. */
export function ApplyDialog({ layout, view, onStarted, onReplan, onClose }: ApplyDialogProps) {
  const apply = useChange(layoutChanges.apply)
  return (
    <ActionDialog
      title="Apply layout"
      submitLabel="Apply"
      pending={apply.isPending}
      error={apply.error}
      onSubmit={() => {
        apply.mutate(
          { layout, basedOn: view.plan.basedOn },
          {
            onSuccess: onStarted,
            onError: (error) => {
              const replan = refusalOf(error)?.replan
              if (replan) onReplan(replan)
            },
          },
        )
        return true
      }}
      onClose={onClose}
    >
      <Typography>
        {planSummary(view.plan.steps)}. Pools are created and IPs added before any is removed or deleted; a failure
        stops the rest, and the whole apply can be undone while nothing else has changed.
      </Typography>
    </ActionDialog>
  )
}

/** Confirms undoing an apply as one step. */
export function UndoDialog({
  apply,
  onStarted,
  onClose,
}: {
  apply: ApplyView
  onStarted: (view: ApplyView) => void
  onClose: () => void
}) {
  const undo = useChange(layoutChanges.undo)
  const made = apply.steps.filter((step) => step.state === 'done').length
  return (
    <ConfirmDialog
      title="Undo apply"
      confirmLabel="Undo"
      destructive
      change={undo}
      variables={apply.id}
      onDone={onStarted}
      onClose={onClose}
    >
      <Typography>
        Put the account back as it was before this apply? Its {made} {made === 1 ? 'change is' : 'changes are'}{' '}
        reversed, in an order that never leaves mail without a pool.
      </Typography>
    </ConfirmDialog>
  )
}
