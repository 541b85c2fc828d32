import { ApiError } from '../lib/api-client'
import { errorMessage } from './errorMessage'

const apiError = (status: number, message: string, retryAt?: number) =>
  new ApiError(status, [{ field: null, message }], retryAt)

describe('errorMessage', () => {
  it('says a refused key is refused', () => {
    expect(errorMessage(apiError(401, 'authorization required'))).toBe(
      'SendGrid refused the API key: authorization required',
    )
    expect(errorMessage(apiError(401, 'No API key: connect with a SendGrid API key.'))).toBe(
      'No API key: connect with a SendGrid API key.',
    )
  })

  it('names the missing permission', () => {
    expect(errorMessage(apiError(403, 'missing required scope: ips.pools.create'))).toBe(
      'This API key lacks the ips.pools.create permission.',
    )
    expect(errorMessage(apiError(403, 'access forbidden'))).toBe('This API key may not do this: access forbidden')
  })

  it('says when to try again after a rate limit', () => {
    expect(errorMessage(apiError(429, 'too many requests', Date.UTC(2026, 0, 1, 12, 0, 5)))).toMatch(
      /^SendGrid is limiting how fast requests may be made\. Try again after .+\.$/,
    )
  })

  it('never answers with [object Object] or nothing', () => {
    expect(errorMessage({ errors: [] })).toBe('Something went wrong. Try again.')
    expect(errorMessage(new Error(''))).toBe('Something went wrong. Try again.')
    expect(errorMessage('offline')).toBe('offline')
  })
})
