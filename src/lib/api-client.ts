/**
 * The one way the app talks to the API: JSON in and out, a timeout, and every failure turned into an ApiError.
 * It knows nothing of the UI: no messages on screen, no navigation.
 */
import { getApiKey } from './api-key'

interface ApiErrorDetail {
  field: string | null
  message: string
}

export class ApiError extends Error {
  /** The HTTP status, or 0 when no response arrived (network failure or timeout). */
  readonly status: number
  readonly errors: readonly ApiErrorDetail[]
  /** When a rate limit lifts (ms since the epoch), from X-RateLimit-Reset; set on 429 answers that carry it. */
  readonly retryAt?: number
  /** The dashboard's own server names some refusals (session_ended, signed_out, viewer) for the app to act on. */
  readonly code?: string
  /** The refusal's whole body, read as JSON, for what a feature's own API says beside the message. */
  readonly body?: unknown

  constructor(status: number, errors: readonly ApiErrorDetail[], retryAt?: number, code?: string, body?: unknown) {
    super(errors.map((e) => e.message).join(' '))
    this.name = 'ApiError'
    this.status = status
    this.errors = errors
    this.retryAt = retryAt
    this.code = code
    this.body = body
  }

  /** The message the server gave for one input field, if any. */
  messageFor(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message
  }
}

/**
 * A 404 from the dashboard's own API (/api/…): this server does not keep that part. The dev server keeps no journal
 * and no delivery figures; `npm run serve` does.
 */
export function isNotServedHere(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404
}

const DEFAULT_TIMEOUT_MS = 15_000

const baseUrl: string = import.meta.env.VITE_API_BASE ?? ''

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  signal?: AbortSignal
  timeoutMs?: number
  /** A key to try instead of the connected one (the Connect page checks a key before keeping it). */
  apiKey?: string
  /** Said beside the call to this origin's server (the incident a fix is made from, say). */
  headers?: Record<string, string>
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestWithHeaders<T>(path, options)).data
}

/** The same, with the answer's headers (a Link header for paging, say). */
export async function requestWithHeaders<T>(
  path: string,
  options: RequestOptions = {},
): Promise<{ data: T; headers: Headers }> {
  const { method = 'GET', body, signal, timeoutMs = DEFAULT_TIMEOUT_MS } = options
  const timeout = AbortSignal.timeout(timeoutMs)
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  // Only ever to this origin: the proxy there forwards it to SendGrid (or uses its own key instead).
  const apiKey = options.apiKey ?? getApiKey()
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`

  let response: Response
  try {
    response = await fetch(baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    })
  } catch (cause) {
    // A caller's own cancellation (React Query unmounting, say) is not a failure to report.
    if (signal?.aborted) throw cause
    if (timeout.aborted) {
      throw new ApiError(0, [{ field: null, message: `The server did not answer within ${timeoutMs / 1000} seconds.` }])
    }
    throw new ApiError(0, [
      { field: null, message: 'The server could not be reached. Check your connection and try again.' },
    ])
  }

  let text: string
  try {
    text = await response.text()
  } catch (cause) {
    if (signal?.aborted) throw cause
    throw new ApiError(0, [{ field: null, message: 'The connection dropped before the answer arrived. Try again.' }])
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      errorDetails(response.status, text),
      retryAt(response),
      errorCode(text),
      parsedOrUndefined(text),
    )
  }
  if (text.trim() === '') return { data: undefined as T, headers: response.headers }
  try {
    return { data: JSON.parse(text) as T, headers: response.headers }
  } catch {
    throw new ApiError(response.status, [
      { field: null, message: 'The server sent a response that could not be read.' },
    ])
  }
}

/** X-RateLimit-Reset is in Unix seconds; a Retry-After in seconds from now is the fallback. */
function retryAt(response: Response): number | undefined {
  if (response.status !== 429) return undefined
  const reset = Number(response.headers.get('X-RateLimit-Reset'))
  if (reset > 0) return reset * 1000
  const after = Number(response.headers.get('Retry-After'))
  return after > 0 ? Date.now() + after * 1000 : undefined
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The code the dashboard's server adds to its own refusals; SendGrid's answers have none. */
function errorCode(text: string): string | undefined {
  const body = parsedOrUndefined(text)
  return isRecord(body) && typeof body.code === 'string' ? body.code : undefined
}

/** SendGrid answers errors as {"errors":[{field,message}]} or {"error":"…"}; gateways send anything or nothing. */
export function errorDetails(status: number, text: string): ApiErrorDetail[] {
  const details = detailsFromBody(text)
  return details.length > 0 ? details : [{ field: null, message: fallbackMessage(status) }]
}

function detailsFromBody(text: string): ApiErrorDetail[] {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    const plain = text.trim()
    // A short plain-text reason is worth showing; an HTML error page is not.
    return plain && plain.length <= 200 && !plain.startsWith('<') ? [{ field: null, message: plain }] : []
  }
  if (!isRecord(body)) return []
  if (Array.isArray(body.errors)) {
    return body.errors.flatMap((e): ApiErrorDetail[] => {
      if (typeof e === 'string' && e) return [{ field: null, message: e }]
      if (!isRecord(e) || typeof e.message !== 'string' || !e.message) return []
      return [{ field: typeof e.field === 'string' && e.field !== 'error' ? e.field : null, message: e.message }]
    })
  }
  for (const key of ['error', 'message'] as const) {
    const value = body[key]
    if (typeof value === 'string' && value) return [{ field: null, message: value }]
    if (isRecord(value) && typeof value.message === 'string' && value.message)
      return [{ field: null, message: value.message }]
  }
  return []
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'The API key was refused (401).'
  if (status === 403) return 'The API key is not allowed to do this (403).'
  if (status === 404) return 'Not found (404).'
  if (status === 429) return 'Too many requests. Wait a moment and try again (429).'
  if (status >= 500) return `The server had a problem (${status}). Try again in a moment.`
  return `The request failed (${status}).`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
