/** What the server and the API key allow: the proxy's own status, and the key's scopes. */
import { request } from '../lib/api-client'
import { callSendGrid, sendGridRoute } from '../lib/sendgrid-call'

export interface ProxyStatus {
  /** A key configured on the server, which wins over any key pasted in the browser. */
  keyOnServer: boolean
  /** The SendGrid host the proxy forwards to, such as api.sendgrid.com or api.eu.sendgrid.com. */
  apiHost: string
  /** Who is signed in; absent from servers that predate sign-in, which means one local user. */
  session?: SessionStatus
}

export type Role = 'admin' | 'viewer' | 'local' | 'none'

export interface SessionStatus {
  /** The server is set up for a team: everyone signs in through the company's identity provider. */
  signInRequired: boolean
  user: { email: string; name?: string } | null
  role: Role
  /** A session was presented and has expired. */
  ended?: boolean
}

/** Codes the dashboard's server puts on a 401 when the session, not the API key, is the problem. */
export const SESSION_CODES = ['session_ended', 'signed_out']

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
  return request<ProxyStatus>('/proxy/status', { signal })
}

export async function getScopes({ signal, apiKey }: { signal?: AbortSignal; apiKey?: string } = {}): Promise<string[]> {
  const answer = await callSendGrid<{ scopes?: string[] }>(sendGridRoute('scopes'), { signal, apiKey })
  return answer.scopes ?? []
}
