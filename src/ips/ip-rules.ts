/**
 * SendGrid's rules for the IPs in a pool, in one place: the add dialog checks them before sending and the fake
 * backend enforces them. Kept apart from the pool rules so the address parser loads only with the dialogs.
 */
import { normalIp } from '../shared/ip-address'

/** Why text is not an IPv4 or IPv6 address, or null when it is. */
export function ipAddressProblem(text: string): string | null {
  const value = text.trim()
  if (value === '') return 'Enter an IP address.'
  return normalIp(value) ? null : `“${value}” is not an IPv4 or IPv6 address.`
}

/** One spelling per address, so "2001:DB8:0::1" and "2001:db8::1" are the same IP. Expects a valid address. */
export function canonicalIp(text: string): string {
  return normalIp(text) ?? text.trim()
}

/** Addresses in one spelling each, built once, so checking against thousands of them parses nothing more. */
export function addressSet(ips: Iterable<string>): ReadonlySet<string> {
  const set = new Set<string>()
  for (const ip of ips) set.add(ipAddressProblem(ip) ? ip : canonicalIp(ip))
  return set
}

/** Why an address cannot join a pool, or null when it can. Unknown sets (not loaded yet) skip their check. */
export function poolIpProblem(
  text: string,
  {
    inPool = new Set(),
    onAccount,
    withoutValidRdns,
  }: { inPool?: ReadonlySet<string>; onAccount?: ReadonlySet<string>; withoutValidRdns?: ReadonlySet<string> } = {},
): string | null {
  const formatProblem = ipAddressProblem(text)
  if (formatProblem) return formatProblem
  const ip = canonicalIp(text)
  if (onAccount && !onAccount.has(ip)) return `${ip} is not an IP address on this account.`
  if (inPool.has(ip)) return `${ip} is already in this pool.`
  if (withoutValidRdns?.has(ip)) {
    return `${ip} has no valid reverse DNS record, and SendGrid pools only IPs that have one. Validate it on the IP addresses page.`
  }
  return null
}

export function sameIp(a: string, b: string): boolean {
  if (a === b) return true
  return ipAddressProblem(a) === null && ipAddressProblem(b) === null && canonicalIp(a) === canonicalIp(b)
}

/**
 * The account's IPs that SendGrid will not pool for want of a valid reverse DNS record: those whose record is
 * listed as not valid, and those without a record that GET /v3/ips says are not whitelabeled. An IP the record
 * list leaves out but /v3/ips calls whitelabeled is given the benefit of the doubt: the server has the last word.
 */
export function ipsWithoutValidRdns(
  ips: readonly { ip: string; whitelabeled: boolean | null }[],
  records: readonly { ip: string; valid: boolean }[],
): string[] {
  const validity = new Map(records.map((record) => [canonicalIp(record.ip), record.valid]))
  return ips
    .filter(({ ip, whitelabeled }) => {
      const valid = validity.get(canonicalIp(ip))
      return valid === false || (valid === undefined && whitelabeled === false)
    })
    .map(({ ip }) => ip)
}
