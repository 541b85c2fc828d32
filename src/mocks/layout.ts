/**
 * The pool layout as the dashboard's server does it, for the demo: the same engine (src/shared/layout-*.ts) reading
 * and changing the sample account through the fake SendGrid's own handlers, so each step is answered, refused and
 * journalled as any change is. An apply runs in the page, a step at a time with the demo's pauses.
 */
import { getResponse, type RequestHandler } from 'msw'
import type { ApplyView, DriftView, PlanView } from '../shared/layout-api'
import { readLayout, type LayoutFile } from '../shared/layout-file'
import {
  accountAfter,
  fingerprintOf,
  planLayout,
  undoLayout,
  type AccountFacts,
  type Change,
  type Plan,
  type Step,
} from '../shared/layout-plan'
import { callOf, exportedLayout, readAccount, runSteps, type PortAnswer, type PortCall } from '../shared/layout-run'
import { planRefusals, planSummary, stepText } from '../shared/layout-text'
import { fillPath, routeById } from '../shared/sendgrid-routes'
import type { Db } from './db'
import { fieldError, ok, type FakeResponse } from './responses'
import { DEMO_USER, type DemoApply } from './state'

/** The demo's journal ties a change to its apply by this header, as the server does by the apply it runs. */
export const DEMO_APPLY_HEADER = 'x-dashboard-apply'
const APPLIES_KEPT = 20

function withoutWarnings(step: Step): Change {
  const change: Partial<Step> = { ...step }
  delete change.warnings
  return change as Change
}

const refusal = (status: number, message: string, extra: Record<string, unknown> = {}): FakeResponse => ({
  status,
  body: { errors: [{ field: null, message }], ...extra },
})

/** One call of the route table, answered by the fake SendGrid's handlers (and journalled under `apply`). */
async function answerOf(handlers: readonly RequestHandler[], call: PortCall, apply?: string): Promise<PortAnswer> {
  const route = routeById(call.routeId)
  const request = new Request(new URL(fillPath(route.path, call.params, call.query), 'http://localhost'), {
    method: route.method,
    headers: {
      ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(apply ? { [DEMO_APPLY_HEADER]: apply } : {}),
    },
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
  })
  const response = await getResponse([...handlers], request)
  if (!response) return { status: 404, headers: {}, body: '' }
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() }
}

/** The applies kept, newest first: one kept as running that this page does not run was cut off by a reload. */
function appliesKept(db: Db, runningHere: ReadonlySet<string>): DemoApply[] {
  return db.layoutApplies((all) => {
    for (const one of all)
      if (one.view.status === 'running' && !runningHere.has(one.view.id)) {
        one.view.status = 'interrupted'
        one.view.message = 'The page running it was closed; steps not marked done were not sent.'
      }
    for (const [index, one] of all.entries()) {
      const finished = one.view.status === 'done' || one.view.status === 'failed'
      one.view.undoneBy = all.find((other) => other.view.undoOf === one.view.id)?.view.id
      if (!one.view.undoneBy) delete one.view.undoneBy
      one.view.undoable =
        finished && !one.view.undoneBy && index === 0 && one.view.steps.some((step) => step.state === 'done')
    }
  })
}

export function demoLayout(db: Db, sendGrid: () => readonly RequestHandler[]) {
  /** Applies this page runs. */
  const runningHere = new Set<string>()

  const port = (call: PortCall, apply?: string) => answerOf(sendGrid(), call, apply)

  async function current() {
    const { account, ips } = await readAccount((call) => port(call))
    const totals = db.deliveryTotals('pool', '7d').body as { of: Record<string, { totals: Record<string, number> }> }
    const facts: AccountFacts = {
      ips,
      sentLastWeek: Object.fromEntries(
        Object.entries(totals.of).map(([pool, { totals: t }]) => [pool, Math.max(t.processed ?? 0, t.delivered ?? 0)]),
      ),
      recentNames: db.journalledPoolNames(),
      now: Date.now(),
    }
    return { account, facts }
  }

  const planView = (plan: Plan): PlanView => ({ plan, refusals: planRefusals(plan) })

  const applies = () => appliesKept(db, runningHere)

  function update(id: string, change: (view: ApplyView) => void) {
    db.layoutApplies((all) => {
      const one = all.find((apply) => apply.view.id === id)
      if (one) change(one.view)
    })
  }

  async function run(id: string, before: DemoApply['before'], steps: Step[]) {
    runningHere.add(id)
    const outcome = await runSteps(steps, (step) => port(callOf(step), id), {
      onStep: (index, result) =>
        update(id, (view) => {
          view.steps[index] = { change: view.steps[index]!.change, ...result }
        }),
      onWait: (index, result) =>
        update(id, (view) => {
          view.steps[index] = { change: view.steps[index]!.change, ...result }
        }),
    })
    const at = outcome.stoppedAt !== undefined ? steps[outcome.stoppedAt] : undefined
    const message = at
      ? `Stopped at change ${outcome.stoppedAt! + 1} of ${steps.length} (${stepText(at)}): ${outcome.result?.message}. ` +
        `${outcome.done} made before it; ${steps.length - outcome.done - 1} not sent.`
      : `${planSummary(steps)}: all done.`
    db.layoutApplies((all) => {
      const one = all.find((apply) => apply.view.id === id)
      if (!one) return
      one.view.status = at ? 'failed' : 'done'
      one.view.finishedAt = new Date().toISOString()
      one.view.message = message
      one.afterFingerprint = fingerprintOf(accountAfter(before, steps.slice(0, outcome.done)))
    })
    db.record({ user: DEMO_USER, action: 'layout-apply', apply: id, status: at ? 502 : 200, ok: !at, message })
    runningHere.delete(id)
  }

  function start(before: DemoApply['before'], layout: LayoutFile, steps: Step[], undoOf?: string): ApplyView {
    const view: ApplyView = {
      id: crypto.randomUUID(),
      status: 'running',
      startedAt: new Date().toISOString(),
      by: DEMO_USER,
      ...(undoOf ? { undoOf } : {}),
      steps: steps.map((step) => ({ change: withoutWarnings(step), state: 'pending' })),
      undoable: false,
    }
    db.layoutApplies((all) =>
      all.splice(0, all.length, { view, before, layout, afterFingerprint: null }, ...all.slice(0, APPLIES_KEPT - 1)),
    )
    runningHere.add(view.id)
    void run(view.id, before, steps)
    return view
  }

  return {
    async exportLayout(context: boolean): Promise<FakeResponse> {
      const { account, facts } = await current()
      return ok(exportedLayout(account, facts, context))
    },

    async plan(body: unknown): Promise<FakeResponse> {
      const read = readLayout((body as { layout?: unknown } | null)?.layout)
      if (!read.layout)
        return refusal(400, 'The layout file has problems: nothing was planned.', { problems: read.problems })
      const { account, facts } = await current()
      return ok(planView(planLayout(account, read.layout, facts)))
    },

    async apply(body: unknown): Promise<FakeResponse> {
      const { layout: raw, basedOn } = (body ?? {}) as { layout?: unknown; basedOn?: unknown }
      const read = readLayout(raw)
      if (!read.layout)
        return refusal(400, 'The layout file has problems: nothing was planned.', { problems: read.problems })
      if (applies().some((one) => one.view.status === 'running'))
        return refusal(409, 'Another layout apply is running: wait for it to end, then plan again.')
      const { account, facts } = await current()
      const plan = planLayout(account, read.layout, facts)
      if (plan.basedOn !== basedOn)
        return refusal(409, 'The account changed since this plan was made: here is the plan as it is now.', {
          replan: planView(plan),
        })
      const refusals = planRefusals(plan)
      if (refusals.length) return refusal(422, refusals[0]!, { replan: planView(plan) })
      if (!plan.steps.length) return refusal(409, 'Nothing to apply: the account already matches the layout.')
      return ok(start(account, read.layout, plan.steps), 202)
    },

    async undo(id: string): Promise<FakeResponse> {
      const stored = applies().find((one) => one.view.id === id)
      if (!stored) return refusal(404, 'There is no such apply.')
      if (stored.view.undoneBy) return refusal(409, 'That apply was undone already.')
      if (!stored.view.undoable) return refusal(409, 'That apply can no longer be undone: a later apply came after it.')
      const { account, facts } = await current()
      if (fingerprintOf(account) !== stored.afterFingerprint)
        return refusal(
          409,
          'The account changed since that apply, so undoing it would undo more than it did: plan the layout you want instead.',
        )
      const done = stored.view.steps.filter((step) => step.state === 'done').map((step) => step.change)
      const back = undoLayout(stored.before, done)
      const plan = planLayout(account, back, facts)
      return ok(start(account, back, plan.steps, id), 202)
    },

    async drift(): Promise<FakeResponse> {
      const last = applies().find((one) => one.view.status === 'done')
      if (!last) return ok({ lastApplied: null, restore: null, layout: null } satisfies DriftView)
      const { account, facts } = await current()
      const view: DriftView = {
        lastApplied: { id: last.view.id, at: last.view.finishedAt ?? last.view.startedAt, by: last.view.by },
        restore: planView(planLayout(account, last.layout, facts)),
        layout: last.layout,
      }
      return ok(view)
    },

    listApplies(): FakeResponse {
      return ok(
        applies().map(({ view }) => {
          const counts = { pending: 0, done: 0, failed: 0, unknown: 0 }
          for (const step of view.steps) counts[step.state] += 1
          const summary: Partial<ApplyView> = { ...view }
          delete summary.steps
          return { ...summary, counts }
        }),
      )
    },

    readApply(id: string): FakeResponse {
      const one = applies().find((apply) => apply.view.id === id)
      return one ? ok(one.view) : fieldError(404, null, 'There is no such apply.')
    },
  }
}
