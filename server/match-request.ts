/**
 * Matches a raw request target against the SendGrid route table and gives the canonical path to send upstream, or
 * why it is refused. Nothing in the target is normalised first: whatever a URL parser would rewrite is refused.
 */
import { SENDGRID_ROUTES, fillPath, type SendGridRoute } from '../src/shared/sendgrid-routes.ts'

export type Match = { ok: true; route: SendGridRoute; params: Record<string, string>; path: string }
export type Refusal = { ok: false; status: 400 | 404 | 405; message: string; allow?: string[] }

const refuse = (status: Refusal['status'], message: string): Refusal => ({ ok: false, status, message })

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

/** A value that is, or walks through, `.` or `..` once a URL parser (here or upstream) resolves it. */
const DOT_STEP = /(^|[/\\])\.{1,2}([/\\]|$)/

/** Checked decoded once and, in case something upstream decodes again, twice ("%252e%252e" is refused too). */
function isDotStep(value: string): boolean {
  const twice = decode(value) // undefined for a lone "%", as in "100%": nothing a second decoder could resolve
  return DOT_STEP.test(value) || (twice !== undefined && DOT_STEP.test(twice))
}

export function matchRequest(method: string, target: string): Match | Refusal {
  if (!target.startsWith('/') || target.startsWith('//')) return refuse(400, 'Only a path may be requested.')
  // Characters a URL parser rewrites or cuts at (backslash, fragment, parameters) and anything not plain ASCII.
  if (/[\\#;]|[^\x21-\x7e]/.test(target)) return refuse(400, 'The path has characters that are not allowed.')

  const queryAt = target.indexOf('?')
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt)
  const rawQuery = queryAt === -1 ? '' : target.slice(queryAt + 1)
  const segments = rawPath.slice(1).split('/')
  if (segments.includes('')) return refuse(400, 'The path has an empty segment.')

  const samePath = SENDGRID_ROUTES.filter((route) => {
    const parts = route.path.slice(1).split('/')
    return parts.length === segments.length && parts.every((part, i) => part.startsWith('{') || part === segments[i])
  })
  if (samePath.length === 0) return refuse(404, `${method} ${rawPath} is not a call this dashboard makes.`)
  const route = samePath.find((candidate) => candidate.method === method)
  if (!route) {
    return { ...refuse(405, `${method} is not allowed on ${rawPath}.`), allow: samePath.map((r) => r.method) }
  }

  const params: Record<string, string> = {}
  for (const [i, part] of route.path.slice(1).split('/').entries()) {
    if (!part.startsWith('{')) continue
    const value = decode(segments[i]!)
    if (value === undefined) return refuse(400, 'The path has a malformed percent-encoding.')
    if (isDotStep(value)) return refuse(400, 'The path has a "." or ".." step.')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    if (/[\x00-\x1f\x7f]/.test(value)) return refuse(400, 'The path has a control character.')
    params[part.slice(1, -1)] = value
  }

  const allowedQuery: Readonly<Record<string, RegExp>> = 'query' in route ? route.query : {}
  const query: Record<string, string> = {}
  if (rawQuery) {
    for (const pair of rawQuery.split('&')) {
      const [rawName = '', rawValue = ''] = pair.split('=', 2)
      const name = decode(rawName)
      const value = decode(rawValue)
      const rule = name === undefined ? undefined : Object.entries(allowedQuery).find(([key]) => key === name)?.[1]
      if (name === undefined || value === undefined || !rule || name in query || !rule.test(value)) {
        return refuse(400, `The query parameter "${rawName}" is not one this call takes.`)
      }
      query[name] = value
    }
  }
  // In the table's order, so a request already in canonical form is sent exactly as it came.
  const ordered: Record<string, string> = {}
  for (const key of Object.keys(allowedQuery)) if (query[key] !== undefined) ordered[key] = query[key]
  return { ok: true, route, params, path: fillPath(route.path, params, ordered) }
}
