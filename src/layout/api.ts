/** The pool layout as a file, as the dashboard's server (or the demo's fake) plans and applies it: /api/layout/*. */
import { request } from '../lib/api-client'
import {
  LAYOUT_APPLIES_PATH,
  LAYOUT_DRIFT_PATH,
  LAYOUT_PATH,
  LAYOUT_PLAN_PATH,
  TOKENS_PATH,
  type ApplySummary,
  type ApplyView,
  type DriftView,
  type NewToken,
  type PlanView,
  type TokenScope,
  type TokenList,
} from '../shared/layout-api'
import type { LayoutFile } from '../shared/layout-file'

/** Reading the whole account can take a while on a large one (5,000 IPs, their reverse DNS records). */
const ACCOUNT_READ_MS = 60_000

export const exportLayout = (context: boolean, signal?: AbortSignal) =>
  request<LayoutFile>(`${LAYOUT_PATH}${context ? '?context=true' : ''}`, { signal, timeoutMs: ACCOUNT_READ_MS })

export const planLayout = (layout: LayoutFile) =>
  request<PlanView>(LAYOUT_PLAN_PATH, { method: 'POST', body: { layout }, timeoutMs: ACCOUNT_READ_MS })

export const startApply = ({ layout, basedOn }: { layout: LayoutFile; basedOn: string }) =>
  request<ApplyView>(LAYOUT_APPLIES_PATH, { method: 'POST', body: { layout, basedOn }, timeoutMs: ACCOUNT_READ_MS })

export const undoApply = (id: string) =>
  request<ApplyView>(`${LAYOUT_APPLIES_PATH}/${id}/undo`, { method: 'POST', timeoutMs: ACCOUNT_READ_MS })

export const getApply = (id: string, signal?: AbortSignal) =>
  request<ApplyView>(`${LAYOUT_APPLIES_PATH}/${id}`, { signal })

export const getApplies = (signal?: AbortSignal) => request<ApplySummary[]>(LAYOUT_APPLIES_PATH, { signal })

export const getDrift = (signal?: AbortSignal) =>
  request<DriftView>(LAYOUT_DRIFT_PATH, { signal, timeoutMs: ACCOUNT_READ_MS })

export const getTokens = (signal?: AbortSignal) => request<TokenList>(TOKENS_PATH, { signal })

export const createToken = (input: { name: string; scope: TokenScope }) =>
  request<NewToken>(TOKENS_PATH, { method: 'POST', body: input })

export const revokeToken = (id: string) => request<void>(`${TOKENS_PATH}/${id}`, { method: 'DELETE' })
