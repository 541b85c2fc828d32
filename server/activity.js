// @ts-check
/**
 * The activity journal's shape, shared by the production server (server/journal.js keeps it on disk) and the demo's
 * fake backend (which keeps it in the browser): what each change records, and how the journal is read.
 */

/**
 * @typedef {'create' | 'rename' | 'delete' | 'add-ip' | 'remove-ip' | 'warmup-start' | 'warmup-stop' | 'subuser-ips'}
 *   ActivityAction
 */

/**
 * @typedef {object} ActivityEntry
 * @property {string} id
 * @property {string} time ISO 8601
 * @property {string} user an email, or "local" where nobody signs in
 * @property {ActivityAction} action
 * @property {string} [pool]
 * @property {string} [ip]
 * @property {string} [oldName] a rename's old name (also in `pool`)
 * @property {string} [newName]
 * @property {string} [subuser] whose IPs were set
 * @property {string[]} [ips] the subuser's whole new list of IPs
 * @property {number} status SendGrid's answer
 * @property {boolean} ok
 * @property {string} [message] SendGrid's message, when it refused
 */

/** The change each route of the table makes; reads are not journalled. */
const ACTIONS = /** @type {const} */ ({
  createPool: 'create',
  renamePool: 'rename',
  deletePool: 'delete',
  addPoolIp: 'add-ip',
  removePoolIp: 'remove-ip',
  startWarmup: 'warmup-start',
  stopWarmup: 'warmup-stop',
  setSubuserIps: 'subuser-ips',
})

export const DEFAULT_LIMIT = 50
export const MAX_LIMIT = 500

/**
 * What a call changes, from its route, its path values and its body's fields; undefined for a read.
 * @param {string} routeId
 * @param {Record<string, string>} params
 * @param {Record<string, unknown>} fields
 * @returns {Pick<ActivityEntry, 'action' | 'pool' | 'ip' | 'oldName' | 'newName' | 'subuser' | 'ips'> | undefined}
 */
export function describeChange(routeId, params, fields) {
  const action = /** @type {Record<string, ActivityAction>} */ (ACTIONS)[routeId]
  if (!action) return undefined
  const text = (/** @type {unknown} */ value) => (typeof value === 'string' ? value : undefined)
  const pool = params.pool_name ?? (action === 'create' ? text(fields.name) : undefined)
  const ip = params.ip ?? params.ip_address ?? text(fields.ip)
  /** @type {Pick<ActivityEntry, 'action' | 'pool' | 'ip' | 'oldName' | 'newName' | 'subuser' | 'ips'>} */
  const change = { action }
  if (action === 'subuser-ips') {
    change.subuser = params.subuser_name
    change.ips = Array.isArray(fields.ips) ? fields.ips.filter((ip) => typeof ip === 'string') : []
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

/** SendGrid's first error message in an answer body, if it has one. @param {string} body */
export function sendGridMessage(body) {
  try {
    const parsed = JSON.parse(body)
    const message = Array.isArray(parsed?.errors) ? parsed.errors[0]?.message : parsed?.error
    return typeof message === 'string' ? message : undefined
  } catch {
    return undefined
  }
}

/**
 * @typedef {object} ActivityQuery
 * @property {string} [pool] entries about this pool (under its old or new name)
 * @property {string} [user]
 * @property {string} [before] an entry's id (the `next` of the page before), or an ISO time
 * @property {number} [limit]
 */

/**
 * One page of the journal, newest first. Entries come oldest first, as written.
 * @param {readonly ActivityEntry[]} entries
 * @param {ActivityQuery} query
 * @returns {{ entries: ActivityEntry[], next: string | null }}
 */
export function queryActivity(entries, { pool, user, before, limit = DEFAULT_LIMIT }) {
  const size = Math.min(Math.max(1, Math.floor(Number(limit)) || DEFAULT_LIMIT), MAX_LIMIT)
  let end = entries.length
  if (before) {
    const at = entries.findIndex((entry) => entry.id === before)
    if (at !== -1) end = at
    else if (!Number.isNaN(Date.parse(before))) {
      end = 0
      while (end < entries.length && Date.parse(/** @type {ActivityEntry} */ (entries[end]).time) < Date.parse(before))
        end += 1
    }
  }
  /** @type {ActivityEntry[]} */
  const page = []
  let i = end - 1
  for (; i >= 0 && page.length < size; i -= 1) {
    const entry = /** @type {ActivityEntry} */ (entries[i])
    if (user && entry.user !== user) continue
    if (pool && entry.pool !== pool && entry.newName !== pool) continue
    page.push(entry)
  }
  const more = page.length === size && i >= 0
  return { entries: page, next: more ? /** @type {ActivityEntry} */ (page.at(-1)).id : null }
}
