/**
 * What the dashboard's own server says when it refuses, in one place for the server that says it and the app that
 * acts on it: a code for the app to branch on, and the sentence a person reads.
 */

/** The `code` beside a refusal's message, where the app does something about it. */
export const REFUSAL_CODES = {
  /** A session was presented and has expired. */
  sessionEnded: 'session_ended',
  /** Nobody is signed in (or the session was signed out). */
  signedOut: 'signed_out',
  /** A viewer tried to change something. */
  viewer: 'viewer',
  /** The change could not be journalled, so it was not sent. */
  journalUnwritable: 'journal_unwritable',
} as const

export type RefusalCode = (typeof REFUSAL_CODES)[keyof typeof REFUSAL_CODES]

/** The 401 codes that mean the session, not the API key, is the problem. */
export const SESSION_CODES: readonly string[] = [REFUSAL_CODES.sessionEnded, REFUSAL_CODES.signedOut]

export const MESSAGES = {
  sessionEnded: 'Your session ended: sign in again.',
  signedOut: 'Sign in to use the dashboard.',
  viewer: 'You can view; changes need an admin.',
  journalUnwritable: 'The activity journal cannot be written, so nothing was changed. Try again later.',
  crossSite: 'Cross-site requests are refused.',
  sessionsAdminsOnly: 'Only an admin can see and end sessions.',
  webhookAdminsOnly: 'Only an admin can connect the Event Webhook.',
  alertsAdminsOnly: 'Only an admin can change alerts: viewers see the rules, channels and incidents.',
  webhookNeedsServerKey:
    "Connecting the Event Webhook needs this server's own SendGrid key (SENDGRID_API_KEY), so that the figures are " +
    "of that account; or set the webhook's public key as SENDGRID_WEBHOOK_PUBLIC_KEY.",
  layoutNeedsServerKey:
    "Layouts are read and applied with this server's own SendGrid key (SENDGRID_API_KEY): set it to plan or apply.",
  layoutAdminsOnly: 'Only an admin can apply a layout or undo an apply: viewers can export and plan.',
  tokensAdminsOnly: 'Only an admin can see, create and revoke access tokens.',
  tokenRefused: 'This access token is not valid: it is unknown or was revoked.',
  tokenScope: 'This access token may only read layouts (export, plan, drift); applying needs a token scoped to layout.',
  storeUnavailable: "The activity journal is unavailable right now; SendGrid's pools can still be read.",
  notNormalForm: 'The address is not in its plain form: send it without encoded letters, dot steps or empty parts.',
  upstreamUnexpected: 'SendGrid answered something unexpected (not JSON); nothing of it was passed on.',
  outcomeUnknown: 'Outcome unknown: check SendGrid',
} as const

/** Why a sign-in was refused after the identity provider: the Sign-in page is sent `?refused=` one of these. */
export const SIGN_IN_REFUSALS = {
  email_unverified:
    'Your identity provider did not confirm that your email address is verified, and an email names you here. ' +
    'Ask your administrator to mark it verified, then sign in again.',
} as const

export type SignInRefusal = keyof typeof SIGN_IN_REFUSALS

/** The body of every refusal from the dashboard's server (SendGrid's own error shape, plus an optional code). */
export interface ErrorBody {
  errors: { field: string | null; message: string }[]
  code?: RefusalCode
}

export function errorBody(message: string, code?: RefusalCode): ErrorBody {
  return { errors: [{ field: null, message }], ...(code ? { code } : {}) }
}
