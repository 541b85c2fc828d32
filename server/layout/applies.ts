/**
 * Layout applies in the store: one row each, with the account as it was, the layout it brings and its steps, each
 * step's outcome written as it comes. One apply runs at a time across servers (a unique index); one whose server
 * stopped beating is marked interrupted before the next may start.
 */
import { randomUUID } from 'node:crypto'
import type { ApplyStatus, ApplySummary, ApplyView, AppliedStep } from '../../src/shared/layout-api.ts'
import type { LayoutFile } from '../../src/shared/layout-file.ts'
import type { AccountLayout, Change, Step } from '../../src/shared/layout-plan.ts'
import type { StepResult, StepState } from '../../src/shared/layout-run.ts'
import type { Sql, Store } from '../store/store.ts'

/** How often a running apply says it is alive, and how long a silence means its server stopped. */
export const HEARTBEAT_MS = 10_000
const STOPPED_AFTER_SECONDS = 60

interface ApplyRow {
  id: string
  started_at: Date | string
  finished_at: Date | string | null
  started_by: string
  token: string | null
  status: ApplyStatus
  undo_of: string | null
  undone_by: string | null
  before_layout: AccountLayout | string
  layout: LayoutFile | string
  after_fingerprint: string | null
  message: string | null
  later: boolean
}

export interface StoredApply {
  view: ApplyView
  before: AccountLayout
  layout: LayoutFile
  afterFingerprint: string | null
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value)
const iso = (value: Date | string) => new Date(value).toISOString()

const SELECT = `select a.id, a.started_at, a.finished_at, a.started_by, a.token, a.status, a.undo_of, a.before_layout,
  a.layout, a.after_fingerprint, a.message, (select u.id from layout_applies u where u.undo_of = a.id) as undone_by,
  exists (select 1 from layout_applies l where l.started_at > a.started_at and l.id <> a.id) as later
  from layout_applies a`

function viewOf(row: ApplyRow, steps: AppliedStep[], anyDone = steps.some((step) => step.state === 'done')): ApplyView {
  const finished = row.status === 'done' || row.status === 'failed'
  return {
    id: row.id,
    status: row.status,
    startedAt: iso(row.started_at),
    ...(row.finished_at ? { finishedAt: iso(row.finished_at) } : {}),
    by: row.started_by,
    ...(row.token ? { token: row.token } : {}),
    ...(row.undo_of ? { undoOf: row.undo_of } : {}),
    ...(row.undone_by ? { undoneBy: row.undone_by } : {}),
    steps,
    undoable: finished && !row.undone_by && !row.later && anyDone,
    ...(row.message ? { message: row.message } : {}),
  }
}

/** Marks applies whose server stopped beating as interrupted. */
async function sweepStopped(sql: Sql) {
  await sql.query(
    `update layout_applies set status = 'interrupted', finished_at = now(),
       message = 'The server running it stopped; steps not marked done were not sent or their outcome is unknown.'
     where status = 'running' and heartbeat_at < now() - make_interval(secs => $1)`,
    [STOPPED_AFTER_SECONDS],
  )
}

export class ApplyRunning extends Error {
  override name = 'ApplyRunning'
}

/** Starts an apply: its row and its steps, pending, in one transaction; refused while another runs. */
export async function beginApply(
  store: Store,
  input: { by: string; token?: string; undoOf?: string; before: AccountLayout; layout: LayoutFile; steps: Step[] },
): Promise<string> {
  await sweepStopped(store)
  const id = randomUUID()
  try {
    await store.transaction(async (sql) => {
      await sql.query(
        `insert into layout_applies (id, started_by, token, status, undo_of, before_layout, layout)
         values ($1, $2, $3, 'running', $4, $5::jsonb, $6::jsonb)`,
        [
          id,
          input.by,
          input.token ?? null,
          input.undoOf ?? null,
          JSON.stringify(input.before),
          JSON.stringify(input.layout),
        ],
      )
      // One statement for all steps: 5,000 single inserts would hold the transaction open for seconds.
      await sql.query(
        `insert into layout_apply_steps (apply_id, n, change, state)
         select $1, ordinality - 1, value, 'pending' from jsonb_array_elements($2::jsonb) with ordinality`,
        [id, JSON.stringify(input.steps)],
      )
    })
  } catch (error) {
    if (/layout_applies_one_running|duplicate key/i.test(String((error as Error)?.message))) throw new ApplyRunning()
    throw error
  }
  return id
}

export async function markStep(sql: Sql, id: string, n: number, result: StepResult): Promise<void> {
  await sql.query(
    `with step as (update layout_apply_steps set state = $3, message = $4 where apply_id = $1 and n = $2)
     update layout_applies set heartbeat_at = now() where id = $1`,
    [id, n, result.state, result.message ?? null],
  )
}

export async function beat(sql: Sql, id: string): Promise<void> {
  await sql.query(`update layout_applies set heartbeat_at = now() where id = $1 and status = 'running'`, [id])
}

export async function finishApply(
  sql: Sql,
  id: string,
  status: ApplyStatus,
  message: string,
  afterFingerprint: string,
): Promise<void> {
  await sql.query(
    `update layout_applies set status = $2, message = $3, after_fingerprint = $4, finished_at = now()
     where id = $1`,
    [id, status, message, afterFingerprint],
  )
}

export async function readApply(sql: Sql, id: string): Promise<StoredApply | undefined> {
  await sweepStopped(sql)
  const [row] = await sql.query<ApplyRow>(`${SELECT} where a.id = $1`, [id])
  if (!row) return undefined
  const steps = await sql.query<{ change: Step | string; state: StepState; message: string | null }>(
    'select change, state, message from layout_apply_steps where apply_id = $1 order by n',
    [id],
  )
  const applied = steps.map((step) => {
    const change: Partial<Step> = json(step.change)
    delete change.warnings
    return { change: change as Change, state: step.state, ...(step.message ? { message: step.message } : {}) }
  })
  return {
    view: viewOf(row, applied),
    before: json(row.before_layout),
    layout: json(row.layout),
    afterFingerprint: row.after_fingerprint,
  }
}

export async function listApplies(sql: Sql, limit = 20): Promise<ApplySummary[]> {
  await sweepStopped(sql)
  const rows = await sql.query<ApplyRow>(`${SELECT} order by a.started_at desc limit $1`, [limit])
  const counts = await sql.query<{ apply_id: string; state: StepState; n: number | string }>(
    `select apply_id, state, count(*) as n from layout_apply_steps where apply_id = any($1::uuid[]) group by 1, 2`,
    [rows.map((row) => row.id)],
  )
  return rows.map((row) => {
    const of = counts.filter((count) => count.apply_id === row.id)
    const tally = { pending: 0, done: 0, failed: 0, unknown: 0 }
    for (const count of of) tally[count.state] = Number(count.n)
    const view: Partial<ApplyView> = viewOf(row, [], tally.done > 0)
    delete view.steps
    return { ...(view as Omit<ApplyView, 'steps'>), counts: tally }
  })
}

/** The latest apply that finished whole: the layout the account is meant to have. */
export async function lastDone(sql: Sql): Promise<StoredApply | undefined> {
  const [row] = await sql.query<{ id: string }>(
    `select id from layout_applies where status = 'done' order by started_at desc limit 1`,
  )
  return row ? readApply(sql, row.id) : undefined
}
