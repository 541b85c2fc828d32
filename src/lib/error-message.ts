import { ApiError } from './api-client'
import { lazily } from './lazily'

const timeFormat = lazily(() => new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }))

/** Any thrown thing as words a person can read: never "[object Object]", never blank. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return apiErrorMessage(error)
  if (error instanceof Error && error.message.trim()) return error.message
  if (typeof error === 'string' && error.trim()) return error
  return 'Something went wrong. Try again.'
}

/** A 401 that means the key itself is refused (so another key may help), not a missing scope or an ended session. */
export function isRefusedKey(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status === 401 && !error.code && !/missing required scope/i.test(error.message)
  )
}

function apiErrorMessage(error: ApiError): string {
  const said = error.message.trim()
  // The dashboard's own server speaks in whole sentences about sessions and roles: say them as they are.
  if (error.code) return said || 'Something went wrong. Try again.'
  // The newer API answers a missing scope with 401 (not a bad key); the older one with 403 and sometimes no scope.
  const scope = said.match(/missing required scopes?:?\s*([\w.]+)/i)?.[1]
  if (scope && (error.status === 401 || error.status === 403)) return `This API key lacks the ${scope} permission.`
  if (error.status === 401) {
    return /refused|no api key/i.test(said) ? said : `SendGrid refused the API key: ${said}`
  }
  if (error.status === 403) {
    return /^access forbidden$/i.test(said)
      ? 'SendGrid refused: this API key is not allowed to do this (access forbidden).'
      : `This API key may not do this: ${said}`
  }
  if (error.status === 429 && error.retryAt) {
    return `SendGrid is limiting how fast requests may be made. Try again after ${timeFormat().format(error.retryAt)}.`
  }
  return said || 'Something went wrong. Try again.'
}
