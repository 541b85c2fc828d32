/**
 * The layout's part of the dashboard's API (/api/layout/*, /api/tokens), shared by the server, the demo's fake, the
 * page and the command: its paths, what each answers, and the access tokens a pipeline signs in with.
 */
import type { LayoutFile, LayoutProblem } from './layout-file.ts'
import type { Change, Plan } from './layout-plan.ts'
import type { StepState } from './layout-run.ts'
import { isStorableText } from './stored-text.ts'

export const LAYOUT_PATH = '/api/layout'
export const LAYOUT_PLAN_PATH = '/api/layout/plan'
export const LAYOUT_APPLIES_PATH = '/api/layout/applies'
export const LAYOUT_DRIFT_PATH = '/api/layout/drift'
export const TOKENS_PATH = '/api/tokens'

/** What an access token may do: plan and apply layouts, or only read them (export, plan, drift). */
export const TOKEN_SCOPES = ['layout', 'read'] as const
export type TokenScope = (typeof TOKEN_SCOPES)[number]
/** Every token starts so, which lets a leaked one be found by secret scanners. */
export const TOKEN_PREFIX = 'ipd_'

/** POST /api/layout/plan {layout}: the plan, and whether it may be applied. */
export interface PlanView {
  plan: Plan
  /** Why it cannot be applied as it is (empty: it can, if it changes anything). */
  refusals: string[]
}

/** A refusal of a file, with each problem at its place. */
export interface LayoutRefusal {
  errors: { field: string | null; message: string }[]
  problems?: LayoutProblem[]
  /** The plan against the account as it is now, when the one sent was made against another. */
  replan?: PlanView
}

export type ApplyStatus = 'running' | 'done' | 'failed' | 'interrupted'

export interface AppliedStep {
  change: Change
  state: StepState
  message?: string
}

/** GET /api/layout/applies/:id: an apply, step by step. */
export interface ApplyView {
  id: string
  status: ApplyStatus
  startedAt: string
  finishedAt?: string
  /** Who applied it (an email, or "local"), and the token it came with. */
  by: string
  token?: string
  /** The apply this one undid. */
  undoOf?: string
  /** The apply that undid this one. */
  undoneBy?: string
  steps: AppliedStep[]
  /** Whether it can be undone as one step now: finished, not undone, and nothing changed since (checked on undo). */
  undoable: boolean
  message?: string
}

/** GET /api/layout/applies: the latest applies, without their steps. */
export type ApplySummary = Omit<ApplyView, 'steps'> & { counts: Record<StepState, number> }

/** POST /api/layout/applies {layout, basedOn}. */
export interface ApplyRequest {
  layout: LayoutFile
  basedOn: string
}

/** GET /api/layout/drift: where the account differs from the last layout applied, and the plan that restores it. */
export interface DriftView {
  lastApplied: { id: string; at: string; by: string } | null
  /** Null when nothing was applied yet. */
  restore: PlanView | null
  layout: LayoutFile | null
}

/** GET /api/tokens: a token as it is listed (its secret is shown once, when made). */
export interface TokenView {
  id: string
  name: string
  scope: TokenScope
  owner: string
  createdAt: string
  lastUsedAt?: string
  revokedAt?: string
}

/** GET /api/tokens: the tokens, or why none can be made here (the demo). */
export interface TokenList {
  tokens: TokenView[]
  unavailable?: string
}

/** POST /api/tokens: the token made, with its secret, shown this once. */
export type NewToken = TokenView & { token: string }

/** What is wrong with a new token's name and scope, in words; null when nothing is. */
export function tokenProblem(input: unknown): { field: 'name' | 'scope'; message: string } | null {
  const { name, scope } = (input ?? {}) as { name?: unknown; scope?: unknown }
  if (
    typeof name !== 'string' ||
    name.trim().length < 2 ||
    name.length > 60 ||
    /\p{Cc}/u.test(name) ||
    !isStorableText(name)
  )
    return {
      field: 'name',
      message: 'Name the token in 2 to 60 characters, for where it is used (say “deploy pipeline”).',
    }
  if (!TOKEN_SCOPES.includes(scope as TokenScope)) return { field: 'scope', message: 'Choose what the token may do.' }
  return null
}
