/** The fake SendGrid's answers about the account's IPs themselves: warmup, reverse DNS and subusers (see db.ts). */
import { sameIp } from '../ips/ip-rules'
import { fieldError, noContent, ok, type FakeResponse } from './responses'
import type { DemoIp, DemoState } from './state'

export const hasValidRdns = (ip: DemoIp) => ip.whitelabeled && ip.rdnsValid !== false

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

export const findIp = (state: DemoState, address: string) =>
  state.ips.find((candidate) => sameIp(candidate.ip, address))

export function accountIpAnswers(
  read: () => DemoState,
  change: (update: (state: DemoState) => FakeResponse) => FakeResponse,
) {
  return {
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
  }
}
