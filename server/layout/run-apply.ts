/**
 * One apply as the server runs it, in the background: a journal entry for the whole, then each step journalled under
 * the apply's id and sent, its outcome written as it comes, a heartbeat while it runs; it ends done, failed at a step
 * (saying what was made and what was not sent) or interrupted by the server stopping.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { ChangeSubject } from '../../src/shared/activity.ts'
import { accountAfter, fingerprintOf, type AccountLayout, type Step } from '../../src/shared/layout-plan.ts'
import { callOf, runSteps, type PortAnswer, type PortCall } from '../../src/shared/layout-run.ts'
import { planSummary, stepText } from '../../src/shared/layout-text.ts'
import { MESSAGES } from '../../src/shared/messages.ts'
import type { Journal } from '../journal.ts'
import type { Store } from '../store/store.ts'
import { beat, finishApply, HEARTBEAT_MS, markStep } from './applies.ts'

export interface Actor {
  user: string
  /** The access token's name, when it came with one. */
  token?: string
}

interface RunDeps {
  store: Store
  journal: Journal
  call: (call: PortCall, journalAs?: (change: ChangeSubject) => Promise<string | undefined>) => Promise<PortAnswer>
  log: FastifyBaseLogger
  /** True once the server is stopping: no further step is sent. */
  stopping: () => boolean
}

interface ApplyRun {
  id: string
  before: AccountLayout
  steps: Step[]
  actor: Actor
  action: 'layout-apply' | 'layout-undo'
}

export async function runApply(
  { store, journal, call, log, stopping }: RunDeps,
  { id, before, steps, actor, action }: ApplyRun,
) {
  const summary = planSummary(steps)
  let header
  try {
    header = await journal.begin(actor.user, { action, apply: id, ...(actor.token ? { token: actor.token } : {}) })
  } catch (err) {
    // Not journalled, not begun: nothing is sent.
    log.error({ msg: 'journal unwritable', err })
    await finishApply(store, id, 'failed', MESSAGES.journalUnwritable, fingerprintOf(before))
    return
  }
  const heartbeat = setInterval(() => void beat(store, id).catch(() => undefined), HEARTBEAT_MS)
  let done = 0
  let status: 'done' | 'failed' | 'interrupted' = 'done'
  let message = `${summary}: all done.`
  try {
    const outcome = await runSteps(
      steps,
      (step) =>
        call(callOf(step), async (change) => {
          try {
            return (
              await journal.begin(actor.user, {
                ...change,
                apply: id,
                ...(actor.token ? { token: actor.token } : {}),
              })
            ).id
          } catch (err) {
            log.error({ msg: 'journal unwritable', err })
            return undefined
          }
        }),
      {
        onStep: (index, result) => markStep(store, id, index, result),
        onWait: (index, result) => markStep(store, id, index, result),
        stop: stopping,
      },
    )
    done = outcome.done
    if (outcome.stoppedAt !== undefined) {
      const at = steps[outcome.stoppedAt]!
      status = stopping() ? 'interrupted' : 'failed'
      message = stopping()
        ? `The server stopped: ${done} of ${steps.length} changes were made; the rest were not sent.`
        : `Stopped at change ${outcome.stoppedAt + 1} of ${steps.length} (${stepText(at)}): ${outcome.result?.message}. ` +
          `${done} made before it; ${steps.length - done - 1} not sent.`
    }
  } catch (err) {
    status = 'failed'
    message = `The apply stopped after ${done} changes: ${err instanceof Error ? err.message : String(err)}`
    log.error({ msg: 'layout apply failed', id, err })
  } finally {
    clearInterval(heartbeat)
  }
  const after = fingerprintOf(accountAfter(before, steps.slice(0, done)))
  await finishApply(store, id, status, message, after)
  await journal.complete(header.id, { status: status === 'done' ? 200 : 502, ok: status === 'done', message })
  log.info({ msg: 'layout applied', id, status, done, of: steps.length, user: actor.user, token: actor.token })
}
