/**
 * The layout engine as the server runs it: the account read through the forwarder with the server's own key, what
 * the dashboard knows beside it (delivery figures, names in the journal), plans, and applies run in the background
 * one step at a time, each step journalled under the apply's id before it is sent.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { ApplyView, DriftView, PlanView } from '../../src/shared/layout-api.ts'
import type { LayoutFile } from '../../src/shared/layout-file.ts'
import {
  fingerprintOf,
  planLayout,
  undoLayout,
  type AccountFacts,
  type AccountLayout,
  type Plan,
  type Step,
} from '../../src/shared/layout-plan.ts'
import { planRefusals } from '../../src/shared/layout-text.ts'
import { readAccount } from '../../src/shared/layout-run.ts'
import { runApply, type Actor } from './run-apply.ts'
import { accountFacts, sendGridPort } from './sendgrid-port.ts'
import { MESSAGES } from '../../src/shared/messages.ts'
import type { Journal } from '../journal.ts'
import type { Forwarder } from '../sendgrid-proxy.ts'
import type { Store } from '../store/store.ts'
import { beginApply, lastDone, readApply } from './applies.ts'

export type { Actor }

/** Why an apply or an undo was not started, with the plan as the account is now where that helps. */
export class LayoutRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly replan?: PlanView,
  ) {
    super(message)
  }
}

export function createLayoutService({
  store,
  journal,
  forwarder,
  log,
}: {
  store: Store
  journal: Journal
  forwarder: Forwarder
  log: FastifyBaseLogger
}) {
  const call = sendGridPort(forwarder, journal, log)
  const running = new Set<Promise<void>>()
  let stopping = false

  async function current(): Promise<{ account: AccountLayout; facts: AccountFacts }> {
    if (!forwarder.status().keyOnServer) throw new LayoutRefused(409, MESSAGES.layoutNeedsServerKey)
    const { account, ips } = await readAccount((portCall) => call(portCall))
    return { account, facts: await accountFacts(store, ips) }
  }

  const viewOf = (plan: Plan): PlanView => ({ plan, refusals: planRefusals(plan) })

  async function plan(layout: LayoutFile): Promise<PlanView> {
    const { account, facts: known } = await current()
    return viewOf(planLayout(account, layout, known))
  }

  function start(
    id: string,
    before: AccountLayout,
    steps: Step[],
    actor: Actor,
    action: 'layout-apply' | 'layout-undo',
  ) {
    const task = runApply(
      { store, journal, call, log, stopping: () => stopping },
      { id, before, steps, actor, action },
    ).catch((err: unknown) => log.error({ msg: 'layout apply not recorded', id, err }))
    running.add(task)
    void task.finally(() => running.delete(task))
  }

  /** Applies a layout planned against `basedOn`; refused when the account changed since or the plan cannot go. */
  async function apply(layout: LayoutFile, basedOn: string, actor: Actor): Promise<ApplyView> {
    const { account, facts: known } = await current()
    const planned = planLayout(account, layout, known)
    if (planned.basedOn !== basedOn)
      throw new LayoutRefused(
        409,
        'The account changed since this plan was made: here is the plan as it is now.',
        viewOf(planned),
      )
    const refusals = planRefusals(planned)
    if (refusals.length) throw new LayoutRefused(422, refusals[0]!, viewOf(planned))
    if (planned.steps.length === 0)
      throw new LayoutRefused(409, 'Nothing to apply: the account already matches the layout.')
    const id = await beginApply(store, {
      by: actor.user,
      ...(actor.token ? { token: actor.token } : {}),
      before: account,
      // What it plans, and nothing else of the file: its context is the reader's, never kept.
      layout: { version: layout.version, pools: layout.pools },
      steps: planned.steps,
    })
    start(id, account, planned.steps, actor, 'layout-apply')
    return (await readApply(store, id))!.view
  }

  /** Undoes an apply as one step, while nothing has changed since. */
  async function undo(id: string, actor: Actor): Promise<ApplyView> {
    const stored = await readApply(store, id)
    if (!stored) throw new LayoutRefused(404, 'There is no such apply.')
    const { view } = stored
    if (view.undoneBy) throw new LayoutRefused(409, 'That apply was undone already.')
    if (!view.undoable)
      throw new LayoutRefused(
        409,
        view.status === 'running'
          ? 'That apply is still running.'
          : 'That apply can no longer be undone: a later apply came after it, or it changed nothing.',
      )
    const { account, facts: known } = await current()
    if (fingerprintOf(account) !== stored.afterFingerprint)
      throw new LayoutRefused(
        409,
        'The account changed since that apply, so undoing it would undo more than it did: plan the layout you want instead.',
      )
    const done = view.steps.filter((step) => step.state === 'done').map((step) => step.change)
    const back = undoLayout(stored.before, done)
    const planned = planLayout(account, back, known)
    const refusals = planRefusals(planned)
    if (refusals.length) throw new LayoutRefused(422, refusals[0]!, viewOf(planned))
    const undoId = await beginApply(store, {
      by: actor.user,
      ...(actor.token ? { token: actor.token } : {}),
      undoOf: id,
      before: account,
      layout: back,
      steps: planned.steps,
    })
    start(undoId, account, planned.steps, actor, 'layout-undo')
    return (await readApply(store, undoId))!.view
  }

  /** Where the account differs from the last layout applied whole, with the plan that restores it. */
  async function drift(): Promise<DriftView> {
    const last = await lastDone(store)
    if (!last) return { lastApplied: null, restore: null, layout: null }
    const { account, facts: known } = await current()
    const { view } = last
    return {
      lastApplied: { id: view.id, at: view.finishedAt ?? view.startedAt, by: view.by },
      restore: viewOf(planLayout(account, last.layout, known)),
      layout: last.layout,
    }
  }

  return {
    current,
    plan,
    apply,
    undo,
    drift,
    /** Lets running applies finish the step they are on, then stop. */
    async stop() {
      stopping = true
      await Promise.all(running)
    },
  }
}

export type LayoutService = ReturnType<typeof createLayoutService>
