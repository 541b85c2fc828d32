/**
 * Where an alert may be posted. The server holds a key that sends mail as the company, and an admin types these
 * URLs: a destination must be https, carry no credentials, and resolve to no loopback, link-local or cloud metadata
 * address, checked again on every connection (a name can be re-pointed after it was saved). Hosts an operator lists
 * in ALERT_DESTINATION_HOSTS are exempt (loopback receivers in tests, an internal relay). Redirects are not followed.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BlockList, isIP } from 'node:net'

const REFUSED = new BlockList()
REFUSED.addSubnet('127.0.0.0', 8, 'ipv4') // loopback: this server and what runs beside it
REFUSED.addSubnet('0.0.0.0', 8, 'ipv4')
REFUSED.addSubnet('169.254.0.0', 16, 'ipv4') // link-local, where AWS, GCP and Azure serve instance metadata
REFUSED.addAddress('100.100.100.200', 'ipv4') // Alibaba Cloud's metadata
REFUSED.addAddress('::1', 'ipv6')
REFUSED.addAddress('::', 'ipv6')
REFUSED.addSubnet('fe80::', 10, 'ipv6')
REFUSED.addAddress('fd00:ec2::254', 'ipv6') // AWS's metadata over IPv6
const METADATA_NAMES = ['metadata', 'metadata.google.internal', 'metadata.goog', 'localhost']

/** An address as a plain IPv4 when it is one mapped into IPv6 (::ffff:169.254.169.254). */
function plain(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return { address: mapped[1]!, family: 'ipv4' }
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' }
}

export function isRefusedAddress(address: string): boolean {
  const one = plain(address.replace(/^\[|\]$/g, ''))
  return REFUSED.check(one.address, one.family)
}

const isListed = (url: URL, listed: readonly string[]) =>
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
  if (isListed(url, listed)) return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'url must be https.'
  if (url.protocol !== 'https:')
    return 'url must be https (plain http only to hosts listed in ALERT_DESTINATION_HOSTS).'
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (METADATA_NAMES.includes(host) || host.endsWith('.localhost') || (isIP(host) && isRefusedAddress(host)))
    return `url must not point at ${host}: loopback, link-local and cloud metadata addresses are refused.`
  return null
}

/** Resolves as usual, but fails on an address a destination may not have (checked at connect time). */
function guardedLookup(
  hostname: string,
  options: object,
  done: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return done(error, [])
    const refused = addresses.find((one) => isRefusedAddress(one.address))
    if (refused) return done(new Error(`${hostname} resolves to ${refused.address}, which is refused`), [])
    const wantsAll = (options as { all?: boolean }).all
    if (wantsAll) return done(null, addresses)
    done(null, addresses[0]!.address, addresses[0]!.family)
  })
}

export interface PostAnswer {
  ok: boolean
  status: number | null
  /** The start of the answer's body, or why nothing was answered. */
  answer: string
}

const ANSWER_KEPT = 500

/** POSTs JSON to a destination and reads the start of its answer; never follows a redirect. */
export function postJson(
  target: string,
  body: string,
  headers: Record<string, string>,
  { listed, timeoutMs = 10_000 }: { listed: readonly string[]; timeoutMs?: number },
): Promise<PostAnswer> {
  const problem = destinationProblem(target, listed)
  if (problem) return Promise.resolve({ ok: false, status: null, answer: problem })
  const url = new URL(target)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        timeout: timeoutMs,
        ...(isListed(url, listed) ? {} : { lookup: guardedLookup as never }),
      },
      (response) => {
        const status = response.statusCode ?? 0
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          if (text.length < ANSWER_KEPT) text += chunk
        })
        response.on('end', () => {
          const redirect = status >= 300 && status < 400
          resolve({
            ok: status >= 200 && status < 300,
            status,
            answer: redirect ? 'Answered with a redirect, which is not followed.' : text.slice(0, ANSWER_KEPT),
          })
        })
        response.on('error', (error) => resolve({ ok: false, status, answer: error.message }))
      },
    )
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)))
    request.on('error', (error) => resolve({ ok: false, status: null, answer: `Not delivered: ${error.message}.` }))
    request.end(body)
  })
}
