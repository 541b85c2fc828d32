/**
 * Posting an alert. The server holds a key that sends mail as the company, and an admin types these URLs: besides
 * what the URL itself may be (src/shared/alert-destinations.ts), the addresses its name resolves to are checked on
 * every connection, since a name can be re-pointed after it was saved. Redirects are not followed.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { destinationProblem, isListedHost, isRefusedAddress } from '../../src/shared/alert-destinations.ts'

/** Resolves as usual, but fails on an address a destination may not have (checked at connect time). */
export function guardedLookup(
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
        ...(isListedHost(url, listed) ? {} : { lookup: guardedLookup as never }),
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
