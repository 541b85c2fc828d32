/**
 * The activity journal's shape, shared by the production server (which keeps it on disk), the demo's fake backend
 * (which keeps it in the browser) and the app (which shows it): what each change records, and how it is read.
 */
import type { RouteId } from './sendgrid-routes.ts'

export type ActivityAction =
  | 'create'
  | 'rename'
  | 'delete'
  | 'add-ip'
  | 'remove-ip'
  | 'warmup-start'
  | 'warmup-stop'
  | 'subuser-ips'
  | 'webhook-create'
  | 'webhook-sign'
  | 'webhook-test'
  | 'webhook-key'
  | 'alert-rule'
  | 'alert-rule-delete'
  | 'alert-acknowledge'
  | 'alert-mute'
  | 'alert-unmute'
  | 'alert-channel'
  | 'alert-channel-delete'
  | 'layout-apply'
  | 'layout-undo'
  | 'token-create'
  | 'token-revoke'

/** What a change is about, from its call alone. */
export interface ChangeSubject {
  action: ActivityAction
  pool?: string
  ip?: string
  /** A rename's old name (also in `pool`). */
  oldName?: string
  newName?: string
  /** Whose IPs were set. */
  subuser?: string
  /** The subuser's whole new list of IPs. */
  ips?: string[]
  /** The Event Webhook changed: its URL, or its id where the call names no URL. */
  webhook?: string
  /** The key that checks the webhook's batches changed: the old one's fingerprint (if any) and the new one's. */
  oldKey?: string
  newKey?: string
  /** The alert rule changed, muted or unmuted (its id). */
  rule?: string
  /** The alert incident acknowledged, or the one a fix was made from. */
  incident?: string
  /** The alert channel changed (its name). */
  channel?: string
  /** A mute's end, ISO 8601. */
  until?: string
  /** The layout apply the change is part of (its id). */
  apply?: string
  /** The access token it came with (its name); the entry's user is the token's owner. */
  token?: string
}

/** SendGrid's answer to a change. */
export interface ChangeOutcome {
  status: number
  ok: boolean
  /** SendGrid's message, when it refused. */
  message?: string
}

/**
 * One change: written before it is sent, completed by SendGrid's answer. An entry without `status` was sent but no
 * answer was recorded (the server stopped in between): its outcome is unknown.
 */
export interface ActivityEntry extends ChangeSubject, Partial<ChangeOutcome> {
  id: string
  /** ISO 8601, when the change was sent. */
  time: string
  /** An email (lower case), or "local" where nobody signs in. */
  user: string
}

/** The change each route of the table makes; reads are not journalled. */
const ACTIONS: Partial<Record<RouteId, ActivityAction>> = {
  createPool: 'create',
  renamePool: 'rename',
  deletePool: 'delete',
  addPoolIp: 'add-ip',
  removePoolIp: 'remove-ip',
  startWarmup: 'warmup-start',
  stopWarmup: 'warmup-stop',
  setSubuserIps: 'subuser-ips',
  createWebhook: 'webhook-create',
  signWebhook: 'webhook-sign',
  testWebhook: 'webhook-test',
}

const DEFAULT_LIMIT = 50
const MAX_LIMIT = 500

/** What a call changes, from its route, its path values and its body's fields; undefined for a read. */
export function describeChange(
  routeId: RouteId,
  params: Record<string, string>,
  fields: Record<string, unknown>,
): ChangeSubject | undefined {
  const action = ACTIONS[routeId]
  if (!action) return undefined
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  const pool = params.pool_name ?? (action === 'create' ? text(fields.name) : undefined)
  const ip = params.ip ?? params.ip_address ?? text(fields.ip)
  const change: ChangeSubject = { action }
  if (action.startsWith('webhook-')) {
    const webhook = text(fields.url) ?? params.id
    return webhook === undefined ? change : { ...change, webhook }
  }
  if (action === 'subuser-ips') {
    change.subuser = params.subuser_name
    change.ips = Array.isArray(fields.ips) ? fields.ips.filter((item) => typeof item === 'string') : []
    return change
  }
  if (pool !== undefined) change.pool = pool
  if (ip !== undefined) change.ip = ip
  if (action === 'rename') {
    change.oldName = params.pool_name
    const newName = text(fields.name)
    if (newName !== undefined) change.newName = newName
  }
  return change
}

/** SendGrid's first error message in an answer body, if it has one. */
export function sendGridMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body)
    const message = Array.isArray(parsed?.errors) ? parsed.errors[0]?.message : parsed?.error
    return typeof message === 'string' ? message : undefined
  } catch {
    return undefined
  }
}

/** SendGrid's answer as the journal keeps it. */
export function outcomeOf(status: number, body: string): ChangeOutcome {
  const ok = status < 400
  const message = ok ? undefined : sendGridMessage(body)
  return { status, ok, ...(message ? { message } : {}) }
}

export interface ActivityQuery {
  /** Entries about this pool (under its old or new name). */
  pool?: string
  /** An email, in any case. */
  user?: string
  /** Where the page before ended (its `next`: the last entry's time and id), or an ISO time. */
  before?: string
  limit?: number
}

let lastMs = 0
let sequence = 0

/**
 * A new entry's id: a UUID (version 7) whose first bits are the time in milliseconds and then a count within that
 * millisecond, so that entries of the same millisecond still sort in the order they were written.
 */
export function timeOrderedId(now = Date.now()): string {
  sequence = now === lastMs ? sequence + 1 : 0
  lastMs = now
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  for (let i = 0; i < 6; i += 1) bytes[i] = Math.floor(now / 2 ** (8 * (5 - i))) % 256
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f)
  bytes[7] = sequence & 0xff
  bytes[8] = 0x80 | (bytes[8]! & 0x3f)
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** A page's `next`: its last entry's time and id, the keyset the next page starts below. */
export const cursorOf = (entry: Pick<ActivityEntry, 'time' | 'id'>) => `${entry.time}|${entry.id}`

/** `before` read back: entries older than this time, or at this time with a smaller id. */
export function parseCursor(before: string | undefined): { time: string; id?: string } | undefined {
  if (!before) return undefined
  const [time = '', id] = before.split('|', 2)
  if (Number.isNaN(Date.parse(time))) return undefined
  const iso = new Date(time).toISOString()
  return id && /^[0-9a-f-]{36}$/i.test(id) ? { time: iso, id: id.toLowerCase() } : { time: iso }
}

/** Whether an entry comes after the cursor in newest-first order. */
function isBefore(entry: ActivityEntry, cursor: { time: string; id?: string }): boolean {
  if (entry.time !== cursor.time) return entry.time < cursor.time
  return cursor.id !== undefined && entry.id < cursor.id
}

/** Newest first: by time, then by id, as the server's index orders them. */
const newestFirst = (a: ActivityEntry, b: ActivityEntry) =>
  a.time === b.time ? (a.id < b.id ? 1 : -1) : a.time < b.time ? 1 : -1

/** A page size within bounds. */
export const pageSize = (limit: number | undefined) =>
  Math.min(Math.max(1, Math.floor(Number(limit ?? DEFAULT_LIMIT)) || DEFAULT_LIMIT), MAX_LIMIT)

/** One page of a journal kept in memory (the demo's), newest first, as the server's store answers it. */
export function queryActivity(
  entries: readonly ActivityEntry[],
  { pool, user, before, limit }: ActivityQuery,
): { entries: ActivityEntry[]; next: string | null } {
  const size = pageSize(limit)
  const who = user?.toLowerCase()
  const cursor = parseCursor(before)
  const matching = entries
    .filter(
      (entry) =>
        (!cursor || isBefore(entry, cursor)) &&
        (!who || entry.user.toLowerCase() === who) &&
        (!pool || entry.pool === pool || entry.newName === pool),
    )
    .sort(newestFirst)
  const page = matching.slice(0, size)
  return { entries: page, next: matching.length > size ? cursorOf(page.at(-1)!) : null }
}
