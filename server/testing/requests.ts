/** Requests sent byte for byte, disguised targets, and signing in through the test identity provider. */
import { connect } from 'node:net'

/** Disguised ways to reach some other SendGrid endpoint (or confuse what reaches it), each refused before sending. */
export const DISGUISED_TARGETS: [method: string, target: string][] = [
  ['GET', '/v3/ips/pools/..\\..\\..\\v3\\user\\profile'],
  ['POST', '/v3/ips/pools/..\\..\\..\\v3\\mail\\send#/ips'],
  ['GET', '/v3/ips/pools/a#/../../api_keys'],
  ['GET', '/v3/ips/pools/../../api_keys'],
  ['GET', '/v3/ips/pools/%2e%2e'],
  ['GET', '/v3/ips/pools/%2E%2E/ips'],
  ['GET', '/v3/ips/pools/%2e'],
  ['GET', '/v3/ips/pools/.'],
  ['DELETE', '/v3/ips/pools/..'],
  ['GET', '/v3/ips/pools/..%2F..%2F..%2Fv3%2Fapi_keys'],
  ['GET', '/v3/ips/pools/%2e%2e%2f%2e%2e%2fapi_keys'],
  ['DELETE', '/v3/ips/pools/a/ips/..%5c..%5c..%5capi_keys'],
  ['DELETE', '/v3/ips/pools/a/ips/%5C..%5C..%5Capi_keys'],
  ['GET', '/v3/ips/pools/x%2F..%2F..%2F..%2Fapi_keys'],
  ['GET', '/v3/ips/pools/%252e%252e%252fapi_keys'],
  ['GET', '/v3/ips/pools/%252E%252E'],
  ['GET', '//v3/ips/pools'],
  ['GET', '/v3//ips/pools'],
  ['GET', '/v3/ips//pools'],
  ['GET', '/v3/ips/pools/'],
  ['DELETE', '/v3/ips/pools//ips/192.0.2.1'],
  ['GET', '/V3/IPS/POOLS'],
  ['GET', '/v3/IPS/pools'],
  ['DELETE', '/v3/ips/Pools/a'],
  ['GET', '/v3/ips/pools;x=1'],
  ['GET', '/v3/ips/pools/a;jsessionid=1'],
  ['GET', '/v3/ips/pools/a%00b'],
  ['GET', '/v3/ips/pools/%zz'],
  ['GET', 'http://api.sendgrid.com/v3/user/profile'],
  ['GET', 'http://localhost/v3/ips/pools'],
  ['GET', '/v3/mail/send'],
  ['POST', '/v3/mail/send'],
  ['GET', '/v3/api_keys'],
  ['POST', '/v3/api_keys'],
  ['GET', '/v3/user/profile'],
  ['GET', '/v3/ips/192.0.2.1'],
  ['POST', '/v3/ips'],
  ['PATCH', '/v3/ips/pools/a'],
  ['DELETE', '/v3/ips/pools'],
  ['HEAD', '/v3/ips/pools'],
  ['OPTIONS', '/v3/ips/pools'],
  ['GET', '/v3/ips/pools/a/ips/b/c'],
  ['GET', '/v3/scopes/../api_keys'],
  ['GET', '/v3/ips?limit=500&offset=0&on-behalf-of=subuser'],
  ['GET', '/v3/ips?limit=500&limit=1'],
  ['GET', '/v3/ips?limit=../../api_keys'],
  ['GET', '/v3/ips/pools?redirect=/v3/mail/send'],
]

export interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * Sends a request exactly as written, request line included: no client library gets to resolve "..", turn "\" into
 * "/" or drop a "#" first, as fetch and node:http would.
 */
export function rawRequest(
  base: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<RawAnswer> {
  const { hostname, port, host } = new URL(base)
  const lines = [
    `${method} ${target} HTTP/1.1`,
    `Host: ${headers.Host ?? host}`,
    'Connection: close',
    ...Object.entries(headers)
      .filter(([name]) => name !== 'Host')
      .map(([name, value]) => `${name}: ${value}`),
    ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []),
  ]
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname)
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', fail)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [head = '', ...rest] = text.split('\r\n\r\n')
      const [statusLine = '', ...headerLines] = head.split('\r\n')
      const parsed: Record<string, string> = {}
      for (const line of headerLines) {
        const at = line.indexOf(':')
        parsed[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim()
      }
      let payload = rest.join('\r\n\r\n')
      if (parsed['transfer-encoding'] === 'chunked') payload = unchunk(payload)
      done({ status: Number(statusLine.split(' ')[1]), headers: parsed, body: payload })
    })
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`)
  })
}

function unchunk(text: string): string {
  let out = ''
  let rest = text
  for (;;) {
    const at = rest.indexOf('\r\n')
    const size = parseInt(rest.slice(0, at), 16)
    if (!size) return out
    out += rest.slice(at + 2, at + 2 + size)
    rest = rest.slice(at + 2 + size + 2)
  }
}

/** The cookies a response sets, kept as a browser would (name → value), dropping the ones it clears. */
function keepCookies(jar: Map<string, string>, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';')
    const at = pair.indexOf('=')
    const name = pair.slice(0, at).trim()
    const value = pair.slice(at + 1).trim()
    if (!value || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name)
    else jar.set(name, value)
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')

/**
 * Signs in through the dashboard at `base` and the test identity provider as a browser would, with the provider's
 * development login form, up to the dashboard's answer to the callback. `publicUrl` is the dashboard's configured
 * PUBLIC_URL, which the provider sends the browser back to; it is mapped to `base` here.
 */
export async function signInThrough(base: string, publicUrl: string, email: string, returnTo = '/pools') {
  const dashboard = new Map<string, string>()
  const provider = new Map<string, string>()
  const login = await fetch(`${base}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' })
  keepCookies(dashboard, login)
  let url = new URL(login.headers.get('location')!)
  let init: RequestInit = {}
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: cookieHeader(provider) },
    })
    keepCookies(provider, response)
    const location = response.headers.get('location')
    if (location) {
      const next = new URL(location, url)
      if (next.origin === new URL(publicUrl).origin) {
        const callback = await fetch(`${base}${next.pathname}${next.search}`, {
          redirect: 'manual',
          headers: { cookie: cookieHeader(dashboard) },
        })
        return { status: callback.status, location: callback.headers.get('location'), response: callback }
      }
      url = next
      init = {}
      continue
    }
    // A form of the provider's (login, then consent): filled in and sent as the browser would.
    const page = await response.text()
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
    if (!action)
      throw new Error(`The identity provider answered ${response.status} without a form: ${page.slice(0, 200)}`)
    const fields = new URLSearchParams()
    for (const input of page.matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(input[0])?.[1]
      if (!name) continue
      const value =
        name === 'login' ? email : name === 'password' ? 'any password' : /value="([^"]*)"/.exec(input[0])?.[1]
      fields.set(name, value ?? '')
    }
    url = new URL(action.replace(/&amp;/g, '&'), url)
    init = { method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
  }
  throw new Error('The sign-in did not come back to the dashboard within 20 steps.')
}
