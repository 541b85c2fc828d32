/**
 * SendGrid calls by their entry in the route table (shared/sendgrid-routes.ts), the table the proxy forwards by, so the app
 * cannot make a call the proxy would refuse. Method and path come from the table; values fill its segments.
 */
import { SENDGRID_ROUTES, fillPath, routeById, type RouteId } from '../shared/sendgrid-routes'
import { INCIDENT_HEADER } from '../shared/alert-api'
import { requestWithHeaders, type RequestOptions } from './api-client'

type PathOf<Id extends RouteId> = Extract<(typeof SENDGRID_ROUTES)[number], { id: Id }>['path']
type ParamNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never
type ParamsOf<Id extends RouteId> = [ParamNames<PathOf<Id>>] extends [never]
  ? []
  : [params: Record<ParamNames<PathOf<Id>>, string>]

interface SendGridCall {
  method: NonNullable<RequestOptions['method']>
  path: string
}

/** One call of the table, its path segments filled: `sendGridRoute('getPool', { pool_name: 'EU / promo' })`. */
export function sendGridRoute<Id extends RouteId>(
  id: Id,
  ...[params]: ParamsOf<Id>
): { method: SendGridCall['method']; path: string } {
  const route = routeById(id)
  return { method: route.method, path: fillPath(route.path, params) }
}

type CallOptions = Omit<RequestOptions, 'method'> & { query?: Record<string, string | number> }

/** Names the alert a change is made from: the server's journal ties the fix to its incident. */
export const fromIncident = (incident: string | undefined): Pick<RequestOptions, 'headers'> =>
  incident ? { headers: { [INCIDENT_HEADER]: incident } } : {}

export async function callSendGrid<T>(call: SendGridCall, options: CallOptions = {}): Promise<T> {
  return (await callSendGridWithHeaders<T>(call, options)).data
}

/** The same, with SendGrid's answer headers that the proxy passes back (Link, X-RateLimit-*). */
export function callSendGridWithHeaders<T>(
  call: SendGridCall,
  { query, ...options }: CallOptions = {},
): Promise<{ data: T; headers: Headers }> {
  const search = query ? new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString() : ''
  return requestWithHeaders<T>(search ? `${call.path}?${search}` : call.path, { ...options, method: call.method })
}
