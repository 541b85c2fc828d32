/** What the server and the API key allow: the proxy's own status, and the key's scopes. */
import { request } from '../lib/api-client'
import { callSendGrid, sendGridRoute } from '../lib/sendgrid-call'
import { SESSIONS_PATH, STATUS_PATH, type LiveSession, type ProxyStatus } from '../shared/dashboard-api'

export type { LiveSession, ProxyStatus, Role, SessionStatus } from '../shared/dashboard-api'

/**
 * The status the production server writes into the page, so that the first request is a read of SendGrid; undefined
 * where the page has none (the development server), and the status is asked for instead.
 */
export function statusFromPage(): ProxyStatus | undefined {
  const text = document.getElementById('server-status')?.textContent
  if (!text) return undefined
  try {
    return JSON.parse(text) as ProxyStatus
  } catch {
    return undefined
  }
}

export function getProxyStatus(signal?: AbortSignal): Promise<ProxyStatus> {
  return request<ProxyStatus>(STATUS_PATH, { signal })
}

export async function getScopes({ signal, apiKey }: { signal?: AbortSignal; apiKey?: string } = {}): Promise<string[]> {
  const answer = await callSendGrid<{ scopes?: string[] }>(sendGridRoute('scopes'), { signal, apiKey })
  return answer.scopes ?? []
}

/** Who is signed in, one row per live session (admins only). */
export function getSessions(signal?: AbortSignal): Promise<LiveSession[]> {
  return request<LiveSession[]>(SESSIONS_PATH, { signal })
}

/** Ends a session on every server: that browser is asked to sign in again. */
export function endSession(id: string): Promise<void> {
  return request<void>(`${SESSIONS_PATH}/${encodeURIComponent(id)}`, { method: 'DELETE' })
}
