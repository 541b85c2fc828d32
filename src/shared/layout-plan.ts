/**
 * A plan: what would change to bring the account to a layout file, step by step in the order the steps are sent,
 * each with what the dashboard knows that the file does not (reverse DNS, warmup, recent mail, names used before).
 * Computing a plan sends nothing; the same function serves the page, the command, the server and the demo.
 */
import { compareIps, type LayoutFile } from './layout-file.ts'
import { MAX_POOLS } from './pool-names.ts'
import { HOURLY_CAPS, WARMUP_DAYS, warmupDay } from './warmup-caps.ts'

/** The account's pools and their IPs (normal form, sorted), as read from SendGrid. */
export interface AccountLayout {
  pools: { name: string; ips: string[] }[]
}

export interface IpFacts {
  ip: string
  /** When warmup started (Unix seconds), null when the IP is not warming up. */
  warmupStart: number | null
  /** False when SendGrid says its reverse DNS is not valid (it will not pool it); null when unknown. */
  reverseDnsValid: boolean | null
  subusers: string[]
}

/** What the dashboard knows beside the layout. */
export interface AccountFacts {
  ips: IpFacts[]
  /** Messages each pool sent in the last 7 days, from the delivery figures. */
  sentLastWeek: Record<string, number>
  /** Pool names in use or used lately (journal), to catch a near-miss spelling. */
  recentNames: string[]
  now: number
}

export type Change =
  | { kind: 'create'; pool: string }
  | { kind: 'rename'; pool: string; to: string }
  | { kind: 'delete'; pool: string }
  | { kind: 'add'; pool: string; ip: string; from?: string[] }
  | { kind: 'remove'; pool: string; ip: string; to?: string[] }

export type WarningCode =
  'reverse-dns' | 'not-on-account' | 'warming-up' | 'sent-recently' | 'similar-name' | 'rename-missing'

export interface Warning {
  code: WarningCode
  message: string
  /** SendGrid would refuse this step: the plan cannot be applied as it is. */
  refused?: true
}

export type Step = Change & { warnings: Warning[] }

export interface Plan {
  /** The account the plan was made against (its fingerprint): an apply against another account is refused. */
  basedOn: string
  steps: Step[]
  /** What stops the whole plan from being applied, beyond its steps' own refusals. */
  problems: string[]
}

/** The order steps are sent in: no mail is left without a pool (create and add before remove and delete). */
const ORDER: Record<Change['kind'], number> = { rename: 0, create: 1, add: 2, remove: 3, delete: 4 }

const count = (n: number) => n.toLocaleString('en-US')

/** A short, stable fingerprint of an account's layout (cyrb53): two reads differ when the layout does. */
export function fingerprintOf(account: AccountLayout): string {
  const text = JSON.stringify(
    [...account.pools]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((pool) => [pool.name, [...pool.ips].sort(compareIps)]),
  )
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return `${(h2 >>> 0).toString(16).padStart(8, '0')}${(h1 >>> 0).toString(16).padStart(8, '0')}`
}

/** How a name reads to a person: case and spacing do not tell two names apart. */
const looseName = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '')

export function planLayout(account: AccountLayout, layout: LayoutFile, facts: AccountFacts): Plan {
  const current = new Map(account.pools.map((pool) => [pool.name, new Set(pool.ips)]))
  const wanted = new Set(layout.pools.map((pool) => pool.name))
  const ipFacts = new Map(facts.ips.map((ip) => [ip.ip, ip]))
  const changes: Step[] = []
  const renamedAway = new Set<string>()
  const problems: string[] = []

  const nameWarnings = (name: string): Warning[] => {
    const near = [...new Set([...facts.recentNames, ...current.keys()])].find(
      (used) => used !== name && looseName(used) === looseName(name),
    )
    return near
      ? [
          {
            code: 'similar-name',
            message: `Differs from “${near}”, a pool name in use lately, only by case or spacing.`,
          },
        ]
      : []
  }

  const kept = new Map<string, Set<string>>()
  for (const pool of layout.pools) {
    const from = pool.renamedFrom
    if (current.has(pool.name)) kept.set(pool.name, current.get(pool.name)!)
    else if (from !== undefined && current.has(from) && !wanted.has(from)) {
      changes.push({ kind: 'rename', pool: from, to: pool.name, warnings: nameWarnings(pool.name) })
      renamedAway.add(from)
      kept.set(pool.name, current.get(from)!)
    } else {
      const missing: Warning[] =
        from !== undefined
          ? [{ code: 'rename-missing', message: `There is no pool “${from}” to rename: this creates a new pool.` }]
          : []
      changes.push({ kind: 'create', pool: pool.name, warnings: [...missing, ...nameWarnings(pool.name)] })
      kept.set(pool.name, new Set())
    }
  }

  const adds: Step[] = []
  const removes: Step[] = []
  for (const pool of layout.pools) {
    const has = kept.get(pool.name)!
    for (const ip of pool.ips) if (!has.has(ip)) adds.push({ kind: 'add', pool: pool.name, ip, warnings: [] })
    for (const ip of has)
      if (!pool.ips.includes(ip)) removes.push({ kind: 'remove', pool: pool.name, ip, warnings: [] })
  }
  const deletes = account.pools
    .filter((pool) => !wanted.has(pool.name) && !renamedAway.has(pool.name))
    .map((pool): Step => ({ kind: 'delete', pool: pool.name, warnings: [] }))

  // An IP leaving one pool for another is one move, said on both its steps.
  const leaving = new Map<string, string[]>()
  for (const step of removes)
    if (step.kind === 'remove') leaving.set(step.ip, [...(leaving.get(step.ip) ?? []), step.pool])
  for (const step of deletes)
    for (const ip of current.get(step.pool) ?? []) leaving.set(ip, [...(leaving.get(ip) ?? []), step.pool])
  const arriving = new Map<string, string[]>()
  for (const step of adds) if (step.kind === 'add') arriving.set(step.ip, [...(arriving.get(step.ip) ?? []), step.pool])

  for (const step of adds) {
    if (step.kind !== 'add') continue
    const from = leaving.get(step.ip)
    if (from) step.from = from
    const known = ipFacts.get(step.ip)
    if (!known)
      step.warnings.push({
        code: 'not-on-account',
        message: 'This IP is not on the account: SendGrid refuses it.',
        refused: true,
      })
    else if (known.reverseDnsValid === false)
      step.warnings.push({
        code: 'reverse-dns',
        message: 'Its reverse DNS is not valid: SendGrid refuses to pool it until it is fixed.',
        refused: true,
      })
    if (known?.warmupStart != null) {
      const day = warmupDay(known.warmupStart, facts.now)
      if (day <= WARMUP_DAYS)
        step.warnings.push({
          code: 'warming-up',
          message: `Day ${day} of warmup: it may send at most ${count(HOURLY_CAPS[day - 1]!)} messages an hour today.`,
        })
    }
  }
  for (const step of removes) {
    if (step.kind !== 'remove') continue
    const to = arriving.get(step.ip)
    if (to) step.to = to
  }
  // A pool emptied (kept, with no IPs left) or deleted that sent mail this week: its senders lose their IPs.
  for (const pool of layout.pools) {
    const sent =
      facts.sentLastWeek[pool.renamedFrom && renamedAway.has(pool.renamedFrom) ? pool.renamedFrom : pool.name] ?? 0
    const first = removes.find((step) => step.pool === pool.name)
    if (first && pool.ips.length === 0 && sent > 0)
      first.warnings.push({
        code: 'sent-recently',
        message: `This leaves “${pool.name}” with no IPs; it sent ${count(sent)} messages in the last 7 days.`,
      })
  }
  for (const step of deletes) {
    const sent = facts.sentLastWeek[step.pool] ?? 0
    if (sent > 0)
      step.warnings.push({
        code: 'sent-recently',
        message: `It sent ${count(sent)} messages in the last 7 days: mail still naming it goes out on other IPs.`,
      })
  }

  const created = changes.filter((step) => step.kind === 'create').length
  if (account.pools.length + created > MAX_POOLS) {
    const final = layout.pools.length
    problems.push(
      final > MAX_POOLS
        ? `The layout has ${final} pools; SendGrid allows ${MAX_POOLS}.`
        : `Pools are created before others are deleted, so the account would reach ${account.pools.length + created} ` +
            `pools on the way; SendGrid allows ${MAX_POOLS}. Apply the deletions first, in a layout of their own.`,
    )
  }

  const steps = [...changes, ...adds, ...removes, ...deletes].sort(
    (a, b) =>
      ORDER[a.kind] - ORDER[b.kind] ||
      (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0) ||
      ('ip' in a && 'ip' in b ? compareIps(a.ip, b.ip) : 0),
  )
  return { basedOn: fingerprintOf(account), steps, problems }
}

/** The account once some steps are done. */
export function accountAfter(account: AccountLayout, steps: readonly Change[]): AccountLayout {
  const pools = new Map(account.pools.map((pool) => [pool.name, new Set(pool.ips)]))
  for (const step of steps) {
    if (step.kind === 'create') pools.set(step.pool, new Set())
    else if (step.kind === 'delete') pools.delete(step.pool)
    else if (step.kind === 'rename') {
      pools.set(step.to, pools.get(step.pool) ?? new Set())
      pools.delete(step.pool)
    } else if (step.kind === 'add') pools.get(step.pool)?.add(step.ip)
    else pools.get(step.pool)?.delete(step.ip)
  }
  return { pools: [...pools].map(([name, ips]) => ({ name, ips: [...ips].sort(compareIps) })) }
}

/** The layout that takes the account back to `before` once `done` has been made: renames are said as such. */
export function undoLayout(before: AccountLayout, done: readonly Change[]): LayoutFile {
  const renamedTo = new Map(done.flatMap((step) => (step.kind === 'rename' ? [[step.pool, step.to] as const] : [])))
  return {
    version: 1,
    pools: before.pools.map((pool) => ({
      name: pool.name,
      ips: pool.ips,
      ...(renamedTo.has(pool.name) ? { renamedFrom: renamedTo.get(pool.name)! } : {}),
    })),
  }
}

/** The layout file of an account as it is. */
export function layoutOfAccount(account: AccountLayout): LayoutFile {
  return { version: 1, pools: account.pools.map((pool) => ({ name: pool.name, ips: pool.ips })) }
}
