/**
 * Where an alert may be posted, judged from its URL: https, no credentials, and not a loopback, link-local or cloud
 * metadata address, unless its host is listed (ALERT_DESTINATION_HOSTS). The server checks the addresses a name
 * resolves to again when it connects; the demo judges a URL as the server would.
 */
import ipaddr from 'ipaddr.js'

const METADATA_NAMES = ['metadata', 'metadata.google.internal', 'metadata.goog', 'localhost']
/** Alibaba Cloud's metadata, and AWS's over IPv6; AWS, GCP and Azure serve theirs on link-local 169.254.169.254. */
const METADATA_ADDRESSES = ['100.100.100.200', 'fd00:ec2::254']
const REFUSED_RANGES = ['loopback', 'linkLocal', 'unspecified']

/** Whether an address (IPv4, IPv6, or IPv4 mapped into IPv6) is one a destination may not have. */
export function isRefusedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '')
  if (!ipaddr.isValid(bare)) return false
  const parsed = ipaddr.process(bare)
  return REFUSED_RANGES.includes(parsed.range()) || METADATA_ADDRESSES.includes(parsed.toString())
}

export const isListedHost = (url: URL, listed: readonly string[]) =>
  listed.some((host) => [url.hostname, url.host].includes(host.toLowerCase()))

/** What is wrong with a destination URL, in words; null when it may be saved. */
export function destinationProblem(value: string, listed: readonly string[]): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'url must be a whole URL, starting https://.'
  }
  if (url.username || url.password) return 'url must not carry a user name or password.'
  if (isListedHost(url, listed))
    return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'url must be https.'
  if (url.protocol !== 'https:')
    return 'url must be https (plain http only to hosts listed in ALERT_DESTINATION_HOSTS).'
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (METADATA_NAMES.includes(host) || host.endsWith('.localhost') || isRefusedAddress(host))
    return `url must not point at ${host}: loopback, link-local and cloud metadata addresses are refused.`
  return null
}
