/** What the server and the API key allow: the proxy's own status, and the key's scopes. */
import { request } from '../lib/api-client'
import { callSendGrid, sendGridRoute } from '../lib/sendgrid-call'

export interface ProxyStatus {
  /** A key configured on the server, which wins over any key pasted in the browser. */
  keyOnServer: boolean
  /** The SendGrid host the proxy forwards to, such as api.sendgrid.com or api.eu.sendgrid.com. */
  apiHost: string
}

export function getProxyStatus(signal?: AbortSignal): Promise<ProxyStatus> {
  return request<ProxyStatus>('/proxy/status', { signal })
}

export async function getScopes({ signal, apiKey }: { signal?: AbortSignal; apiKey?: string } = {}): Promise<string[]> {
  const answer = await callSendGrid<{ scopes?: string[] }>(sendGridRoute('scopes'), { signal, apiKey })
  return answer.scopes ?? []
}
