/**
 * Email alerts, sent through SendGrid's Mail Send with the server's own key, and only if that key has the mail.send
 * scope. This is the server's own call: Mail Send is not in the route table the dashboard's proxy forwards, so no
 * browser can reach it.
 */
import { DEFAULT_UPSTREAM, USER_AGENT } from '../sendgrid-proxy.ts'
import type { PostAnswer } from './destinations.ts'

export interface Mailer {
  /** Whether email can be sent, and why not. */
  allowed(): Promise<{ allowed: boolean; reason?: string }>
  send(mail: { to: string[]; from: string; subject: string; text: string }): Promise<PostAnswer>
}

/** How long the key's scopes are remembered; a failure to learn them, for less. */
const SCOPES_FOR_MS = 10 * 60 * 1000
const FAILED_FOR_MS = 60 * 1000

export function createMailer({ apiKey, upstream = DEFAULT_UPSTREAM }: { apiKey?: string; upstream?: string }): Mailer {
  const headers = { authorization: `Bearer ${apiKey}`, 'user-agent': USER_AGENT, 'content-type': 'application/json' }
  let known: { until: number; answer: { allowed: boolean; reason?: string } } | undefined

  /** Remembered for a while either way: the Alerts page asks on every read, and must not wait on SendGrid each time. */
  const remember = (answer: { allowed: boolean; reason?: string }, forMs: number) => {
    known = { until: Date.now() + forMs, answer }
    return answer
  }

  async function allowed() {
    if (!apiKey) return { allowed: false, reason: 'This server holds no SendGrid key (SENDGRID_API_KEY).' }
    if (known && Date.now() < known.until) return known.answer
    try {
      const response = await fetch(new URL('/v3/scopes', upstream), { headers, signal: AbortSignal.timeout(5_000) })
      const scopes = response.ok ? ((await response.json()) as { scopes?: unknown }).scopes : undefined
      if (!Array.isArray(scopes))
        return remember(
          { allowed: false, reason: `SendGrid did not say what the server's key may do (${response.status}).` },
          FAILED_FOR_MS,
        )
      return scopes.includes('mail.send')
        ? remember({ allowed: true }, SCOPES_FOR_MS)
        : remember(
            { allowed: false, reason: "The server's SendGrid key lacks the mail.send permission." },
            SCOPES_FOR_MS,
          )
    } catch (error) {
      return remember(
        { allowed: false, reason: `SendGrid could not be asked: ${(error as Error).message}.` },
        FAILED_FOR_MS,
      )
    }
  }

  return {
    allowed,
    async send({ to, from, subject, text }) {
      const permission = await allowed()
      if (!permission.allowed) return { ok: false, status: null, answer: permission.reason ?? 'Email is not allowed.' }
      const body = {
        personalizations: [{ to: to.map((email) => ({ email })) }],
        from: { email: from },
        subject: subject.slice(0, 200),
        content: [{ type: 'text/plain', value: text }],
        // An alert is not marketing: no tracking links rewritten into it.
        tracking_settings: { click_tracking: { enable: false }, open_tracking: { enable: false } },
      }
      try {
        const response = await fetch(new URL('/v3/mail/send', upstream), {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          redirect: 'manual',
          signal: AbortSignal.timeout(10_000),
        })
        const answer = (await response.text()).slice(0, 500)
        return { ok: response.status === 202 || response.status === 200, status: response.status, answer }
      } catch (error) {
        return { ok: false, status: null, answer: `Not delivered: ${(error as Error).message}.` }
      }
    },
  }
}
