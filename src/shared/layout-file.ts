/**
 * The pool layout as a file: each pool by name with its IPs as a set, a version, and read-only context. Read here,
 * at the door, by the page, the command and the server alike: every problem is reported with where it is, and
 * nothing in a file that is not understood is passed over in silence. The published JSON Schema
 * (public/layout.schema.json) describes the same format.
 */
import { normalIp } from './ip-address.ts'
import { isStorableText } from './stored-text.ts'
import { POOL_NAME_MAX_LENGTH, POOL_NAME_MIN_LENGTH, poolNameProblem } from './pool-names.ts'

export const LAYOUT_VERSION = 1
export const LAYOUT_SCHEMA_PATH = '/layout.schema.json'
/** The largest file read: 5,000 IPs in 100 pools is well under a megabyte. */
export const MAX_LAYOUT_BYTES = 2 * 1024 * 1024
/** Far above SendGrid's limits (100 pools), so a file over them is told so by the plan, not refused unread. */
const MAX_FILE_POOLS = 1000
const MAX_FILE_IPS = 50_000

export interface LayoutPool {
  name: string
  /** The pool's IPs in their normal form, sorted; their order means nothing. */
  ips: string[]
  /** The pool is the account's pool of this name, renamed (said explicitly: a missing name alone is a delete). */
  renamedFrom?: string
}

/** What the dashboard knew of an IP when it exported the file; never read back into a plan. */
export interface IpContext {
  warmupDay?: number
  subusers?: string[]
  reverseDnsValid?: boolean
}

export interface LayoutFile {
  $schema?: string
  version: typeof LAYOUT_VERSION
  pools: LayoutPool[]
  context?: { exportedAt?: string; ips?: Record<string, IpContext> }
}

export interface LayoutProblem {
  /** Where in the file, as a path: `pools[2].ips[5]`; empty for the whole file. */
  at: string
  message: string
}

export type LayoutRead =
  { layout: LayoutFile; problems?: undefined } | { layout?: undefined; problems: LayoutProblem[] }

const POOL_KEYS = new Set(['name', 'ips', 'renamedFrom'])
const FILE_KEYS = new Set(['$schema', 'version', 'pools', 'context'])

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return 'must be a text.'
  if (!isStorableText(name)) return 'must not hold a NUL or half a character.'
  const problem = poolNameProblem(name)
  if (!problem) return null
  if (problem.kind === 'leading') return 'cannot start with a dot or a space.'
  return `must be ${POOL_NAME_MIN_LENGTH} to ${POOL_NAME_MAX_LENGTH} characters long (it has ${[...name].length}).`
}

/** A file's text read as a layout, or every problem found in it. */
export function readLayoutText(text: string): LayoutRead {
  if (new TextEncoder().encode(text).length > MAX_LAYOUT_BYTES)
    return { problems: [{ at: '', message: `The file is larger than ${MAX_LAYOUT_BYTES / 1024 / 1024} MB.` }] }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error)
    return { problems: [{ at: '', message: `The file is not JSON: ${said}` }] }
  }
  return readLayout(parsed)
}

/** A parsed value read as a layout, or every problem found in it (at most 50, the first ones). */
export function readLayout(value: unknown): LayoutRead {
  const problems: LayoutProblem[] = []
  const problem = (at: string, message: string) => problems.push({ at, message })
  if (!isObject(value))
    return { problems: [{ at: '', message: 'A layout is a JSON object with "version" and "pools".' }] }
  for (const key of Object.keys(value)) if (!FILE_KEYS.has(key)) problem(key, 'is not part of a layout file.')
  if (value.version !== LAYOUT_VERSION) {
    problem(
      'version',
      typeof value.version === 'number' && value.version > LAYOUT_VERSION
        ? `is ${value.version}, newer than this dashboard reads (${LAYOUT_VERSION}).`
        : `must be ${LAYOUT_VERSION}.`,
    )
  }
  if (value.$schema !== undefined && typeof value.$schema !== 'string') problem('$schema', 'must be a text.')
  if (value.context !== undefined && !isObject(value.context)) problem('context', 'must be an object.')
  if (!Array.isArray(value.pools)) {
    problem('pools', 'must be a list of pools.')
    return { problems }
  }
  if (value.pools.length > MAX_FILE_POOLS) {
    problem('pools', `lists ${value.pools.length} pools; a layout holds at most ${MAX_FILE_POOLS}.`)
    return { problems }
  }
  const pools: LayoutPool[] = []
  const names = new Map<string, number>()
  const renamed = new Map<string, number>()
  let ipCount = 0
  value.pools.forEach((raw, index) => {
    const at = `pools[${index}]`
    if (!isObject(raw)) return problem(at, 'must be an object with "name" and "ips".')
    for (const key of Object.keys(raw)) if (!POOL_KEYS.has(key)) problem(`${at}.${key}`, 'is not part of a pool.')
    const named = nameProblem(raw.name)
    if (named) problem(`${at}.name`, named)
    const name = typeof raw.name === 'string' ? raw.name : ''
    if (!named && names.has(name)) problem(`${at}.name`, `“${name}” is also pools[${names.get(name)}].`)
    if (!named) names.set(name, index)
    let renamedFrom: string | undefined
    if (raw.renamedFrom !== undefined) {
      const from = nameProblem(raw.renamedFrom)
      if (from) problem(`${at}.renamedFrom`, from)
      else if (raw.renamedFrom === name) problem(`${at}.renamedFrom`, 'is the pool’s own name.')
      else if (renamed.has(raw.renamedFrom as string))
        problem(`${at}.renamedFrom`, `pools[${renamed.get(raw.renamedFrom as string)}] is renamed from it too.`)
      else {
        renamedFrom = raw.renamedFrom as string
        renamed.set(renamedFrom, index)
      }
    }
    if (!Array.isArray(raw.ips)) return problem(`${at}.ips`, 'must be a list of IP addresses.')
    ipCount += raw.ips.length
    if (ipCount > MAX_FILE_IPS) return problem(`${at}.ips`, `takes the file past ${MAX_FILE_IPS} IPs.`)
    const ips = new Set<string>()
    raw.ips.forEach((ip, i) => {
      const normal = typeof ip === 'string' ? normalIp(ip) : undefined
      if (normal) ips.add(normal)
      else problem(`${at}.ips[${i}]`, `${JSON.stringify(ip)?.slice(0, 80)} is not an IP address.`)
    })
    pools.push({ name, ips: [...ips].sort(compareIps), ...(renamedFrom !== undefined ? { renamedFrom } : {}) })
  })
  if (problems.length) return { problems: problems.slice(0, 50) }
  const context = value.context as LayoutFile['context']
  return {
    layout: {
      ...(typeof value.$schema === 'string' ? { $schema: value.$schema } : {}),
      version: LAYOUT_VERSION,
      pools,
      ...(context ? { context } : {}),
    },
  }
}

/** Addresses in a stable, readable order: IPv4 before IPv6, each by its numbers. */
export function compareIps(a: string, b: string): number {
  const key = (ip: string) =>
    ip.includes(':')
      ? `6${ip}`
      : `4${ip
          .split('.')
          .map((part) => part.padStart(3, '0'))
          .join('.')}`
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0
}

/** The file as people read and review it: pools by name, two spaces, one IP a line, ending in a newline. */
export function layoutText(layout: LayoutFile): string {
  const pools = [...layout.pools]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((pool) => ({
      name: pool.name,
      ...(pool.renamedFrom !== undefined ? { renamedFrom: pool.renamedFrom } : {}),
      ips: [...pool.ips].sort(compareIps),
    }))
  return `${JSON.stringify({ ...layout, version: LAYOUT_VERSION, pools }, null, 2)}\n`
}
