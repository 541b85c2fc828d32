/** The dashboard's own server API (not SendGrid's): what /proxy/status and /api/activity answer. */
import type { ActivityEntry } from './activity.ts'

export type Role = 'admin' | 'viewer' | 'local' | 'none'

export interface SessionStatus {
  /** The server is set up for a team: everyone signs in through the company's identity provider. */
  signInRequired: boolean
  user: { email: string; name?: string } | null
  role: Role
  /** A session was presented and has expired. */
  ended?: boolean
}

/** GET /proxy/status, also written into the page the server sends. */
export interface ProxyStatus {
  /** A key configured on the server, which wins over any key pasted in the browser. */
  keyOnServer: boolean
  /** The SendGrid host the proxy forwards to, such as api.sendgrid.com or api.eu.sendgrid.com. */
  apiHost: string
  /** Who is signed in; absent from servers that predate sign-in, which means one local user. */
  session?: SessionStatus
}

/** GET /api/activity: one page of the journal, newest first. */
export interface ActivityPage {
  entries: ActivityEntry[]
  /** Where the next, older page starts; null at the journal's beginning. */
  next: string | null
}

export const STATUS_PATH = '/proxy/status'
export const ACTIVITY_PATH = '/api/activity'

/** GET /api/sessions (admins): who is signed in, one row per live session. */
export interface LiveSession {
  id: string
  email: string
  name?: string
  /** ISO 8601 */
  createdAt: string
  expiresAt: string
  /** The session of whoever asked. */
  current: boolean
}

export const SESSIONS_PATH = '/api/sessions'
