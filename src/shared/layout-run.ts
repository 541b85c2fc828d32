/**
 * The layout engine's two trips to SendGrid: reading the account (its pools, every IP with its pools and warmup,
 * every reverse DNS record) and sending a plan's steps one by one. Both go through a port, one call of the route
 * table at a time: the server's forwarder (which adds the key and journals), or the demo's fake SendGrid.
 */
import { normalIp } from './ip-address.ts'
import { compareIps } from './layout-file.ts'
import { layoutOfAccount, type AccountFacts, type AccountLayout, type IpFacts, type Step } from './layout-plan.ts'
import type { LayoutFile } from './layout-file.ts'
import { warmupDay } from './warmup-caps.ts'
import { accountIpsPage } from './account-ips-paging.ts'
import { nextOffset, readAllPages } from './paging.ts'
import { sendGridMessage } from './activity.ts'
import type { RouteId } from './sendgrid-routes.ts'

export interface PortCall {
  routeId: RouteId
  params?: Record<string, string>
  query?: Record<string, string>
  body?: unknown
}

export interface PortAnswer {
  status: number
  headers: Record<string, string | undefined>
  body: string
  /** Sent, but no answer came back: it may have been done. */
  unanswered?: boolean
}

export type SendGridPort = (call: PortCall) => Promise<PortAnswer>

/** SendGrid would not give the account's layout: its status and words. */
export class AccountReadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'AccountReadError'
  }
}

async function readJson<T>(port: SendGridPort, call: PortCall): Promise<{ data: T; headers: PortAnswer['headers'] }> {
  const answer = await port(call)
  if (answer.status !== 200) {
    const said = sendGridMessage(answer.body) ?? `SendGrid answered ${answer.status}.`
    throw new AccountReadError(answer.status, `Could not read the account (${call.routeId}): ${said}`)
  }
  return { data: (answer.body ? JSON.parse(answer.body) : null) as T, headers: answer.headers }
}

function readPaged<T>(port: SendGridPort, routeId: RouteId, key: (item: T) => string) {
  return readAllPages<T>(
    async (offset) => {
      const { data, headers } = await readJson<T[] | null>(port, { routeId, query: accountIpsPage(offset) })
      return { items: data ?? [], next: nextOffset(headers.link ?? null) }
    },
    { pagesAtOnce: 5, key },
  )
}

interface RawIp {
  ip: string
  pools?: string[] | null
  warmup?: boolean
  start_date?: number | null
  subusers?: string[] | null
  whitelabeled?: boolean | null
}

/** The account's pools with their IPs, and what is known of each IP, in a few reads. */
export async function readAccount(port: SendGridPort): Promise<{ account: AccountLayout; ips: IpFacts[] }> {
  const [pools, ips, records] = await Promise.all([
    readJson<{ name: string }[] | null>(port, { routeId: 'listPools' }).then(({ data }) => data ?? []),
    readPaged<RawIp>(port, 'listIps', (ip) => ip.ip),
    readPaged<{ id: number; ip: string; valid?: boolean }>(port, 'listReverseDns', (record) => String(record.id)),
  ])
  const members = new Map(pools.map(({ name }) => [name, new Set<string>()]))
  const validity = new Map(
    records.flatMap((record) => {
      const ip = normalIp(record.ip)
      return ip ? [[ip, Boolean(record.valid)] as const] : []
    }),
  )
  const facts: IpFacts[] = []
  for (const raw of ips) {
    const ip = normalIp(raw.ip)
    if (!ip) continue
    for (const pool of raw.pools ?? []) members.get(pool)?.add(ip)
    const valid = validity.get(ip)
    facts.push({
      ip,
      warmupStart: raw.warmup && raw.start_date ? raw.start_date : null,
      reverseDnsValid: valid ?? (raw.whitelabeled === false ? false : null),
      subusers: raw.subusers ?? [],
    })
  }
  return {
    account: { pools: [...members].map(([name, set]) => ({ name, ips: [...set].sort(compareIps) })) },
    ips: facts,
  }
}

/** The account's layout as a file; with `context`, what is known of each IP (warmup, subusers, reverse DNS). */
export function exportedLayout(account: AccountLayout, facts: AccountFacts, context: boolean): LayoutFile {
  const file = layoutOfAccount(account)
  if (!context) return file
  const ips = Object.fromEntries(
    facts.ips.map((ip) => [
      ip.ip,
      {
        ...(ip.warmupStart ? { warmupDay: warmupDay(ip.warmupStart, facts.now) } : {}),
        ...(ip.subusers.length ? { subusers: ip.subusers } : {}),
        ...(ip.reverseDnsValid !== null ? { reverseDnsValid: ip.reverseDnsValid } : {}),
      },
    ]),
  )
  return { ...file, context: { exportedAt: new Date(facts.now).toISOString(), ips } }
}

/** The one call a step is. */
export function callOf(step: Step): PortCall {
  switch (step.kind) {
    case 'create':
      return { routeId: 'createPool', body: { name: step.pool } }
    case 'rename':
      return { routeId: 'renamePool', params: { pool_name: step.pool }, body: { name: step.to } }
    case 'delete':
      return { routeId: 'deletePool', params: { pool_name: step.pool } }
    case 'add':
      return { routeId: 'addPoolIp', params: { pool_name: step.pool }, body: { ip: step.ip } }
    case 'remove':
      return { routeId: 'removePoolIp', params: { pool_name: step.pool, ip: step.ip } }
  }
}

export type StepState = 'pending' | 'done' | 'failed' | 'unknown'

export interface StepResult {
  state: StepState
  /** SendGrid's words, when it refused; what happened, when it is unknown. */
  message?: string
}

/** How long to wait out a 429: until SendGrid's reset time, or backing off from a second; never over a minute. */
export function rateLimitWait(headers: PortAnswer['headers'], attempt: number, now = Date.now()): number {
  const retryAfter = Number(headers['retry-after'])
  const reset = Number(headers['x-ratelimit-reset'])
  const wait =
    Number.isFinite(retryAfter) && retryAfter >= 0
      ? retryAfter * 1000
      : Number.isFinite(reset) && reset > 0
        ? Math.max(reset * 1000 - now, 0) + 250
        : 1000 * 2 ** (attempt - 1)
  return Math.min(wait, 60_000)
}

/** How many 429s in a row one step waits out before it counts as failed. */
export const RATE_LIMIT_ATTEMPTS = 8

/** A removal or deletion SendGrid says is already so (404) leaves the account as the plan wanted. */
const alreadySo = (step: Step, status: number) => status === 404 && (step.kind === 'remove' || step.kind === 'delete')

/**
 * Sends the steps in order, one at a time, waiting out rate limits; stops at the first step that fails or whose
 * outcome is unknown, so what was done and what was not is always a prefix and the rest.
 */
export async function runSteps(
  steps: readonly Step[],
  send: (step: Step, index: number) => Promise<PortAnswer>,
  {
    onStep,
    onWait,
    sleep = (ms) => new Promise((done) => setTimeout(done, ms)),
    stop = () => false,
  }: {
    onStep: (index: number, result: StepResult) => Promise<void> | void
    /** Told when a step waits out SendGrid's rate limit, and for how long. */
    onWait?: (index: number, result: StepResult) => Promise<void> | void
    sleep?: (ms: number) => Promise<void>
    /** Asked before each step: true stops before it is sent (a server shutting down). */
    stop?: () => boolean
  },
): Promise<{ done: number; stoppedAt?: number; result?: StepResult }> {
  for (const [index, step] of steps.entries()) {
    if (stop())
      return { done: index, stoppedAt: index, result: { state: 'pending', message: 'Stopped before it was sent.' } }
    let result: StepResult | undefined
    for (let attempt = 1; !result; attempt += 1) {
      const answer = await send(step, index)
      if (answer.status === 429 && attempt < RATE_LIMIT_ATTEMPTS) {
        const ms = rateLimitWait(answer.headers, attempt)
        const seconds = Math.max(1, Math.round(ms / 1000))
        await onWait?.(index, { state: 'pending', message: `waiting ${seconds} s for SendGrid's rate limit to lift` })
        await sleep(ms)
        continue
      }
      if (answer.unanswered)
        result = {
          state: 'unknown',
          message: sendGridMessage(answer.body) ?? 'SendGrid did not answer; it may have been done.',
        }
      else if (answer.status < 300 || alreadySo(step, answer.status)) result = { state: 'done' }
      else result = { state: 'failed', message: sendGridMessage(answer.body) ?? `SendGrid answered ${answer.status}.` }
    }
    await onStep(index, result)
    if (result.state !== 'done') return { done: index, stoppedAt: index, result }
  }
  return { done: steps.length }
}
