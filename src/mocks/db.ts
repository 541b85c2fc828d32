/**
 * The fake SendGrid's state and rules. Every operation answers like the real API: the status and body it sends,
 * including its documented error bodies, which differ from endpoint to endpoint.
 */
import { canonicalIp, ipAddressProblem, sameIp } from '../ips/ip-rules'
import {
  POOL_LIMIT_SENDGRID_MESSAGE,
  poolLimitProblem,
  poolNameProblem,
  sendGridPoolNameMessage,
} from '../shared/pool-names'
import { queryActivity, timeOrderedId, type ActivityEntry, type ActivityQuery } from '../shared/activity'
import { seedState } from './seed'
import { fieldError, noContent, ok, type FakeResponse } from './responses'
import * as webhooks from './webhooks'
import { accountIpAnswers, findIp, hasValidRdns } from './account-ips'
import { alertAnswers } from './alerts'
import { deliveryAnswers } from './delivery'
import { DEMO_USER, type DemoApply, type DemoIp, type DemoPool, type DemoState } from './state'

export type { DemoIp, DemoPool, DemoState }

/** Enough of the journal for a demo; a real server keeps all of it. */
const DEMO_JOURNAL_ENTRIES = 1000
/** How long a pool remembers an IP that left it: the longest range figures are read over, and a day. */
const PAST_KEPT_MS = 31 * 86_400_000

/** The scopes of a full-access key to the IP APIs, as GET /v3/scopes lists them. */
export const ALL_IP_SCOPES = [
  'ips.read',
  'ips.assigned.read',
  'ips.pools.create',
  'ips.pools.read',
  'ips.pools.update',
  'ips.pools.delete',
  'ips.pools.ips.create',
  'ips.pools.ips.read',
  'ips.pools.ips.update',
  'ips.pools.ips.delete',
  'ips.warmup.create',
  'ips.warmup.read',
  'ips.warmup.update',
  'ips.warmup.delete',
  // Connecting the Event Webhook, for the delivery figures.
  'user.webhooks.event.settings.create',
  'user.webhooks.event.settings.read',
  'user.webhooks.event.settings.update',
  'user.webhooks.event.test.create',
]

export interface StateStore {
  load(): DemoState | null
  save(state: DemoState): void
}

export type { FakeResponse } from './responses'

export function memoryStore(): StateStore {
  let saved: DemoState | null = null
  return { load: () => saved, save: (state) => void (saved = structuredClone(state)) }
}

/** The state with one more journal entry, the oldest beyond the journal's length dropped. */
function journalled(state: DemoState, change: Omit<ActivityEntry, 'id' | 'time'>): DemoState {
  const now = Date.now()
  const entry = { id: timeOrderedId(now), time: new Date(now).toISOString(), ...change }
  state.activity = [...(state.activity ?? []), entry].slice(-DEMO_JOURNAL_ENTRIES)
  return state
}

/** What the demo keeps of layouts, as the dashboard's server keeps it in its store. */
function layoutKept(read: () => DemoState, save: (state: DemoState) => void) {
  return {
    /** The layout applies kept, newest first; `update` changes them in place and keeps the change. */
    layoutApplies(update?: (applies: DemoApply[]) => void): DemoApply[] {
      const state = read()
      state.layoutApplies ??= []
      if (update) {
        update(state.layoutApplies)
        save(state)
      }
      return state.layoutApplies
    },

    /** Pool names the journal mentions: what a new name is checked against for a near miss. */
    journalledPoolNames(): string[] {
      const names = (read().activity ?? []).flatMap((entry) => [entry.pool, entry.newName])
      return [...new Set(names.filter((name): name is string => typeof name === 'string'))]
    },
  }
}

export function createDb(store: StateStore = memoryStore(), seed: () => DemoState = seedState) {
  // Read through to the store on every call, so two tabs of the demo see each other's changes.
  function read(): DemoState {
    const state = store.load()
    if (state?.version === 1) return state
    const fresh = seed()
    store.save(fresh)
    return fresh
  }

  /** Journals a change, done or refused, as the dashboard's server does for every change that passes it. */
  const record = (change: Omit<ActivityEntry, 'id' | 'time'>) => store.save(journalled(read(), change))

  function change(update: (state: DemoState) => FakeResponse): FakeResponse {
    const state = read()
    const response = update(state)
    if (response.status < 300) store.save(state)
    return response
  }

  const findPool = (state: DemoState, name: string) => state.pools.find((pool) => pool.name === name)

  const poolIp = (state: DemoState, address: string) => {
    const ip = state.ips.find((candidate) => candidate.ip === address)
    return { ip: address, start_date: ip?.start_date ?? null, warmup: ip?.warmup ?? false }
  }

  const poolsOf = (state: DemoState, address: string) =>
    state.pools.filter((pool) => pool.ips.includes(address)).map((pool) => pool.name)

  /** Each IP's pools in one pass, for answers about thousands of IPs at once. */
  function membership(state: DemoState): Map<string, string[]> {
    const pools = new Map<string, string[]>()
    for (const pool of state.pools)
      for (const ip of listedMembers(state, pool)) pools.set(ip, [...(pools.get(ip) ?? []), pool.name])
    return pools
  }

  /** A pool's members as SendGrid lists them: one that joined within the lag is not listed yet. */
  function listedMembers(state: DemoState, pool: DemoPool): string[] {
    const lagMs = (state.memberLagSeconds ?? 0) * 1000
    if (lagMs <= 0) return pool.ips
    const now = Date.now()
    return pool.ips.filter((ip) => now - (pool.addedAt?.[ip] ?? 0) >= lagMs)
  }

  function nameRequest(body: unknown): string | FakeResponse {
    const name = typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined
    return typeof name === 'string' ? name : fieldError(400, 'name', 'A pool name is required.')
  }

  return {
    reset(): void {
      store.save(seed())
    },

    replace(state: DemoState): void {
      store.save(state)
    },

    scopes(): FakeResponse {
      return ok({ scopes: ALL_IP_SCOPES })
    },

    listPools(): FakeResponse {
      return ok(read().pools.map((pool) => ({ name: pool.name })))
    },

    getPool(name: string): FakeResponse {
      const state = read()
      const pool = findPool(state, name)
      if (!pool) return fieldError(404, 'error', 'Unable to locate specified IPs Pool')
      return ok({ pool_name: pool.name, ips: listedMembers(state, pool).map((address) => poolIp(state, address)) })
    },

    createPool(body: unknown): FakeResponse {
      return change((state) => {
        const name = nameRequest(body)
        if (typeof name !== 'string') return name
        const limit = poolLimitProblem(state.pools.length)
        if (limit) return fieldError(400, '', POOL_LIMIT_SENDGRID_MESSAGE)
        const problem = poolNameProblem(
          name,
          state.pools.map((pool) => pool.name),
        )
        if (problem) return fieldError(400, 'name', sendGridPoolNameMessage(problem))
        state.pools.push({ name, ips: [] })
        return ok({ name })
      })
    },

    renamePool(name: string, body: unknown): FakeResponse {
      return change((state) => {
        const pool = findPool(state, name)
        if (!pool) return fieldError(404, null, 'ip pool not found')
        const newName = nameRequest(body)
        if (typeof newName !== 'string') return newName
        const others = state.pools.filter((other) => other !== pool).map((other) => other.name)
        const problem = poolNameProblem(newName, others)
        if (problem) return fieldError(400, 'name', sendGridPoolNameMessage(problem))
        pool.name = newName
        return ok({ name: newName })
      })
    },

    deletePool(name: string): FakeResponse {
      return change((state) => {
        if (!findPool(state, name)) return { status: 404, body: { error: 'Unable to locate specified IPs Pool' } }
        state.pools = state.pools.filter((pool) => pool.name !== name)
        return noContent
      })
    },

    addIp(poolName: string, body: unknown): FakeResponse {
      return change((state) => {
        const pool = findPool(state, poolName)
        if (!pool) return fieldError(404, null, 'resource not found')
        const text = typeof body === 'object' && body !== null ? (body as { ip?: unknown }).ip : undefined
        if (typeof text !== 'string') return fieldError(400, 'ip', 'An IP address is required.')
        const problem = ipAddressProblem(text)
        if (problem) return fieldError(400, 'ip', problem)
        const account = findIp(state, text)
        if (!account) return fieldError(400, 'ip', `${canonicalIp(text)} is not an IP address on this account.`)
        if (!hasValidRdns(account)) {
          return fieldError(400, 'ip', `${account.ip} does not have a valid reverse DNS record.`)
        }
        if (pool.ips.includes(account.ip)) return fieldError(400, 'ip', `${account.ip} is already in this pool.`)
        pool.ips.push(account.ip)
        pool.addedAt = { ...pool.addedAt, [account.ip]: Date.now() }
        return ok({ ...poolIp(state, account.ip), pools: poolsOf(state, account.ip) }, 201)
      })
    },

    removeIp(poolName: string, address: string): FakeResponse {
      return change((state) => {
        const pool = findPool(state, poolName)
        if (!pool) return { status: 404, body: { error: 'Unable to locate specified IPs Pool' } }
        const member = pool.ips.find((candidate) => sameIp(candidate, address))
        if (!member) return { status: 404, body: { error: 'IP address not found in this pool' } }
        pool.ips = pool.ips.filter((candidate) => candidate !== member)
        const now = Date.now()
        const past = { ip: member, from: pool.addedAt?.[member], to: now }
        pool.past = [...(pool.past ?? []).filter((stint) => now - stint.to < PAST_KEPT_MS), past]
        return noContent
      })
    },

    /** One page of the account's IPs, at most `cap` long whatever the limit, and where the next one starts. */
    ...accountIpAnswers(read, change),

    listIps({ limit = 10, offset = 0, cap = Infinity }: { limit?: number; offset?: number; cap?: number }) {
      const state = read()
      const pools = membership(state)
      const end = offset + Math.min(limit, cap)
      const page = state.ips.slice(offset, end).map((ip) => ({ ...ip, pools: pools.get(ip.ip) ?? [] }))
      return { ...ok(page), next: end < state.ips.length ? end : null }
    },

    /** Sets how long new pool members stay unlisted (0: listed at once). */
    setMemberLag(seconds: number): void {
      const state = read()
      state.memberLagSeconds = Math.max(0, seconds)
      store.save(state)
    },

    record,

    activity(query: ActivityQuery): FakeResponse {
      return ok(queryActivity(read().activity ?? [], query))
    },
    ...webhooks.webhookAnswers(read, change),
    ...deliveryAnswers(read),
    ...layoutKept(read, (state) => store.save(state)),
    ...alertAnswers(read, change, (subject) => record({ user: DEMO_USER, status: 204, ok: true, ...subject })),
  }
}

export type Db = ReturnType<typeof createDb>
