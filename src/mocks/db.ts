/**
 * The fake SendGrid's state and rules. Every operation answers like the real API: the status and body it sends,
 * including its documented error bodies, which differ from endpoint to endpoint.
 */
import { canonicalIp, ipAddressProblem, sameIp } from '../ips/ip-rules'
import { POOL_LIMIT_SENDGRID_MESSAGE, poolLimitProblem, poolNameProblem, sendGridPoolNameMessage } from '../pools/rules'
import { queryActivity, timeOrderedId, type ActivityEntry, type ActivityQuery } from '../shared/activity'
import { seedState } from './seed'
import { fieldError, noContent, ok, type FakeResponse } from './responses'
import * as webhooks from './webhooks'
import { demoStats, demoSummaries } from './delivery'
import type { Range } from '../shared/delivery'
import type { DemoIp, DemoPool, DemoState } from './state'

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

const recordOf = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}

export type { FakeResponse } from './responses'

export function memoryStore(): StateStore {
  let saved: DemoState | null = null
  return { load: () => saved, save: (state) => void (saved = structuredClone(state)) }
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

  const hasValidRdns = (ip: DemoIp) => ip.whitelabeled && ip.rdnsValid !== false

  /** Reverse DNS records as GET /v3/whitelabel/ips lists them: one per whitelabeled IP, its id its place + 1. */
  const rdnsRecords = (state: DemoState) =>
    state.ips.flatMap((ip, i) => {
      if (!ip.whitelabeled) return []
      const [sub = '', ...domain] = ip.rdns.split('.')
      const valid = hasValidRdns(ip)
      return [
        {
          id: i + 1,
          ip: ip.ip,
          rdns: ip.rdns,
          users: [],
          subdomain: sub,
          domain: domain.join('.'),
          valid,
          legacy: false,
          a_record: { valid, type: 'a', host: ip.rdns, data: ip.ip },
        },
      ]
    })

  const subuserNames = (state: DemoState) => [
    ...new Set([...(state.subusers ?? []), ...state.ips.flatMap((ip) => ip.subusers)]),
  ]

  const findIp = (state: DemoState, address: string) => state.ips.find((candidate) => sameIp(candidate.ip, address))

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
    listIps({ limit = 10, offset = 0, cap = Infinity }: { limit?: number; offset?: number; cap?: number }) {
      const state = read()
      const pools = membership(state)
      const end = offset + Math.min(limit, cap)
      const page = state.ips.slice(offset, end).map((ip) => ({ ...ip, pools: pools.get(ip.ip) ?? [] }))
      return { ...ok(page), next: end < state.ips.length ? end : null }
    },

    listWarmup(): FakeResponse {
      return ok(
        read()
          .ips.filter((ip) => ip.warmup)
          .map(({ ip, start_date }) => ({ ip, start_date })),
      )
    },

    startWarmup(body: unknown): FakeResponse {
      return change((state) => {
        const text = typeof body === 'object' && body !== null ? (body as { ip?: unknown }).ip : undefined
        if (typeof text !== 'string') return fieldError(400, 'ip', 'An IP address is required.')
        const ip = findIp(state, text)
        if (!ip) return fieldError(404, null, 'IP address not found on this account')
        if (ip.warmup) return fieldError(400, 'ip', `${ip.ip} is already warming up.`)
        ip.warmup = true
        ip.start_date = Math.floor(Date.now() / 1000)
        return ok([{ ip: ip.ip, start_date: ip.start_date }])
      })
    },

    stopWarmup(address: string): FakeResponse {
      return change((state) => {
        const ip = findIp(state, address)
        if (!ip) return fieldError(404, null, 'IP address not found on this account')
        if (!ip.warmup) return fieldError(404, null, `${ip.ip} is not warming up.`)
        ip.warmup = false
        ip.start_date = null
        return noContent
      })
    },

    listReverseDns({ limit = 10, offset = 0 }: { limit?: number; offset?: number }): FakeResponse {
      return ok(rdnsRecords(read()).slice(offset, offset + limit))
    },

    validateReverseDns(id: string): FakeResponse {
      const record = rdnsRecords(read()).find((candidate) => String(candidate.id) === id)
      if (!record) return fieldError(404, null, 'reverse DNS record not found')
      return ok({
        id: record.id,
        valid: record.valid,
        validation_results: {
          a_record: record.valid
            ? { valid: true, reason: null }
            : {
                valid: false,
                reason: `Failed to resolve A Record at ${record.rdns}: lookup ${record.rdns}: no such host`,
              },
        },
      })
    },

    listSubusers({ limit = 100, offset = 0 }: { limit?: number; offset?: number }): FakeResponse {
      const names = subuserNames(read()).slice(offset, offset + limit)
      return ok(names.map((username, i) => ({ id: 1000 + offset + i, username, email: username, disabled: false })))
    },

    /** Replaces a subuser's whole list of IPs, as PUT /v3/subusers/{name}/ips does. */
    setSubuserIps(name: string, body: unknown): FakeResponse {
      return change((state) => {
        if (!subuserNames(state).includes(name)) return fieldError(404, null, 'subuser not found')
        if (!Array.isArray(body) || !body.every((ip) => typeof ip === 'string')) {
          return fieldError(400, null, 'a list of IP addresses is required')
        }
        const wanted = body.map((text: string) => findIp(state, text))
        const unknown = body.find((_: string, i: number) => !wanted[i])
        if (unknown !== undefined) return fieldError(400, null, `${unknown} is not an IP address on this account`)
        for (const ip of state.ips) {
          const serves = wanted.includes(ip)
          ip.subusers = serves ? [...new Set([...ip.subusers, name])] : ip.subusers.filter((s) => s !== name)
        }
        return ok({ ips: wanted.map((ip) => ip!.ip) })
      })
    },

    /** Sets how long new pool members stay unlisted (0: listed at once). */
    setMemberLag(seconds: number): void {
      const state = read()
      state.memberLagSeconds = Math.max(0, seconds)
      store.save(state)
    },

    /** Journals a change, done or refused, as the dashboard's server does for every change that passes it. */
    record(change: Omit<ActivityEntry, 'id' | 'time'>): void {
      const state = read()
      const now = Date.now()
      const entry = { id: timeOrderedId(now), time: new Date(now).toISOString(), ...change }
      state.activity = [...(state.activity ?? []), entry].slice(-DEMO_JOURNAL_ENTRIES)
      store.save(state)
    },

    activity(query: ActivityQuery): FakeResponse {
      return ok(queryActivity(read().activity ?? [], query))
    },
    /** Delivery figures, as the dashboard's server counts them from the Event Webhook; made up from the sample. */
    delivery(of: { pool: string } | { ip: string }, range: Range): FakeResponse {
      return ok(demoStats(read(), of, range))
    },
    listWebhooks: (): FakeResponse => webhooks.listWebhooks(read()),
    createWebhook: (body: unknown) => change((state) => webhooks.createWebhook(state, recordOf(body))),
    getWebhookKey: (id: string): FakeResponse => webhooks.getWebhookKey(read(), id),
    signWebhook: (id: string, body: unknown) => change((state) => webhooks.signWebhook(state, id, recordOf(body))),
    testWebhook: (body: unknown) => change((state) => webhooks.testWebhook(state, recordOf(body))),
    webhookStatus: (url: string): FakeResponse => ok(webhooks.webhookStatus(read(), url)),
    connectWebhook: (body: unknown, by: string) =>
      change((state) => webhooks.connectWebhook(state, recordOf(body).id, by)),
    deliveryTotals(by: 'pool' | 'ip', range: Range): FakeResponse {
      return ok(demoSummaries(read(), by, range))
    },
  }
}

export type Db = ReturnType<typeof createDb>
