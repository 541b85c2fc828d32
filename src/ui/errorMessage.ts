import { ApiError } from '../lib/api-client'

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' })

/** Any thrown thing as words a person can read: never "[object Object]", never blank. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return apiErrorMessage(error)
  if (error instanceof Error && error.message.trim()) return error.message
  if (typeof error === 'string' && error.trim()) return error
  return 'Something went wrong. Try again.'
}

function apiErrorMessage(error: ApiError): string {
  const said = error.message.trim()
  // The dashboard's own server speaks in whole sentences about sessions and roles: say them as they are.
  if (error.code) return said || 'Something went wrong. Try again.'
  if (error.status === 401) {
    return /refused|no api key/i.test(said) ? said : `SendGrid refused the API key: ${said}`
  }
  if (error.status === 403) {
    const scope = said.match(/missing required scopes?:?\s*([\w.]+)/i)?.[1]
    return scope ? `This API key lacks the ${scope} permission.` : `This API key may not do this: ${said}`
  }
  if (error.status === 429 && error.retryAt) {
    return `SendGrid is limiting how fast requests may be made. Try again after ${timeFormat.format(error.retryAt)}.`
  }
  return said || 'Something went wrong. Try again.'
}
