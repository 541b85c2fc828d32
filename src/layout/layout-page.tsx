import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useRole } from '../connection'
import { errorMessage } from '../lib/error-message'
import type { ApplyView, PlanView } from '../shared/layout-api'
import { layoutText, readLayoutText, type LayoutFile, type LayoutProblem } from '../shared/layout-file'
import { planSummary } from '../shared/layout-text'
import { useNotify } from '../ui/notifications'
import { pageTitle } from '../ui/product'
import { Section } from '../ui/section'
import { QueryProblem } from '../ui/query-problem'
import { useChange } from '../ui/use-change'
import { ApplyDialog, refusalOf, UndoDialog } from './apply-dialogs'
import { ApplyHistory } from './apply-history'
import { ApplyProgress } from './apply-progress'
import { ExportLayoutButton } from './export-button'
import { LayoutEditor } from './layout-editor'
import { PlanPreview } from './plan-view'
import { layoutChanges, layoutQueries } from './queries'
import { TokenSection } from './token-section'
import { whenText } from '../lib/time-format'

interface Planned {
  /** The text the plan was made from: once the file is edited again, the plan no longer says what it holds. */
  text: string
  layout: LayoutFile
  view: PlanView
  /** The account changed before an apply: this is the plan as it is now. */
  replanned?: boolean
}

/** The account's pools as a file: export it, edit it here, plan it with what the dashboard knows, apply, undo. */
export default function LayoutPage() {
  const [params, setParams] = useSearchParams()
  const applyId = params.get('apply')
  const admin = useRole() !== 'viewer'
  const current = useQuery(layoutQueries.current())
  const drift = useQuery({ ...layoutQueries.drift(), retry: false })
  const applies = useQuery(layoutQueries.applies())
  const plan = useChange(layoutChanges.plan)
  const notify = useNotify()
  const [edited, setEdited] = useState<string | null>(null)
  const [problems, setProblems] = useState<LayoutProblem[] | null>(null)
  const [planned, setPlanned] = useState<Planned | null>(null)
  const [dialog, setDialog] = useState<'apply' | { undo: ApplyView } | null>(null)
  const text = edited ?? (current.data ? layoutText(current.data) : '')
  const stale = planned !== null && planned.text !== text
  const restoring = drift.data?.layout && drift.data.restore?.plan.steps.length ? drift.data.layout : undefined

  function planText(fileText: string) {
    const read = readLayoutText(fileText)
    setProblems(read.problems ?? null)
    if (!read.layout) return
    plan.mutate(read.layout, {
      onSuccess: (view) => setPlanned({ text: fileText, layout: read.layout, view }),
      onError: (error) => setProblems(refusalOf(error)?.problems ?? null),
    })
  }

  function restore(layout: LayoutFile) {
    const fileText = layoutText(layout)
    setEdited(fileText)
    planText(fileText)
  }

  const close = () => setDialog(null)
  const started = (view: ApplyView, said: string) => {
    notify(said)
    close()
    setPlanned(null)
    setEdited(null)
    setParams({ apply: view.id })
  }

  return (
    <Stack spacing={3}>
      <title>{pageTitle('Layout')}</title>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'space-between' }}>
        <div>
          <Typography variant="h4" component="h1">
            Layout
          </Typography>
          <Typography color="text.secondary">
            The account’s pools as a file: export it, edit it here or in a pull request, see the plan, apply it.
          </Typography>
        </div>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <ExportLayoutButton />
          <ExportLayoutButton context />
        </Stack>
      </Stack>
      {!admin && <Alert severity="info">You can export and plan; applying a layout needs an admin.</Alert>}
      {restoring && drift.data?.lastApplied && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={() => restore(restoring)}>
              Plan the restore
            </Button>
          }
        >
          The account differs from the layout applied on {whenText(drift.data.lastApplied.at)} by{' '}
          {drift.data.lastApplied.by} (changed in SendGrid or by another tool):{' '}
          {planSummary(drift.data.restore!.plan.steps).toLowerCase()} would restore it.
        </Alert>
      )}
      {applyId && (
        <ApplyProgress key={applyId} id={applyId} {...(admin ? { onUndo: (view) => setDialog({ undo: view }) } : {})} />
      )}

      <Section title="Edit and plan">
        <QueryProblem query={current} what="the account’s layout" />
        {current.isPending && edited === null ? (
          <CircularProgress aria-label="Reading the account’s layout" />
        ) : (
          <LayoutEditor
            text={text}
            onChange={setEdited}
            problems={problems}
            planning={plan.isPending}
            onPlan={() => planText(text)}
            onReset={() => {
              setEdited(null)
              setProblems(null)
              setPlanned(null)
              void current.refetch()
            }}
          />
        )}
        {plan.error && !refusalOf(plan.error)?.problems && (
          <Alert severity="error">The layout could not be planned: {errorMessage(plan.error)}</Alert>
        )}
      </Section>

      {planned && (
        <Section title="Plan">
          {planned.replanned && (
            <Alert severity="info">
              The account changed since the plan was made: this is the plan as it is now. Review it and apply again.
            </Alert>
          )}
          {stale && <Alert severity="info">The file has changed since this plan: plan again to apply it.</Alert>}
          <PlanPreview view={planned.view} />
          {admin && planned.view.plan.steps.length > 0 && (
            <div>
              <Button
                variant="contained"
                disabled={stale || planned.view.refusals.length > 0}
                onClick={() => setDialog('apply')}
              >
                Apply{' '}
                {planned.view.plan.steps.length === 1 ? 'this change' : `${planned.view.plan.steps.length} changes`}
              </Button>
            </div>
          )}
        </Section>
      )}

      <Section title="Recent applies">
        <QueryProblem query={applies} what="the applies" />
        {applies.data && <ApplyHistory applies={applies.data} />}
      </Section>
      {admin && (
        <Section title="Access tokens">
          <TokenSection />
        </Section>
      )}

      {dialog === 'apply' && planned && (
        <ApplyDialog
          layout={planned.layout}
          view={planned.view}
          onStarted={(view) => started(view, 'Applying the layout')}
          onReplan={(replan) => {
            setPlanned({ ...planned, view: replan, replanned: true })
            close()
          }}
          onClose={close}
        />
      )}
      {typeof dialog === 'object' && dialog && (
        <UndoDialog apply={dialog.undo} onStarted={(view) => started(view, 'Undoing the apply')} onClose={close} />
      )}
    </Stack>
  )
}
