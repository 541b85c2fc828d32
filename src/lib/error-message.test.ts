import { ApiError } from './api-client'
import { errorMessage, isRefusedKey } from './error-message'

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
    expect(errorMessage(apiError(403, 'access forbidden'))).toBe(
      'SendGrid refused: this API key is not allowed to do this (access forbidden).',
    )
  })

  it("reads the newer API's 401 for a missing scope as a permission, not a refused key", () => {
    const missing = new ApiError(401, [{ field: '', message: 'missing required scope: ips.pools.update' }])
    expect(errorMessage(missing)).toBe('This API key lacks the ips.pools.update permission.')
    expect(isRefusedKey(missing)).toBe(false)
    const refused = apiError(401, 'The provided authorization grant is invalid, expired, or revoked')
    expect(errorMessage(refused)).toBe(
      'SendGrid refused the API key: The provided authorization grant is invalid, expired, or revoked',
    )
    expect(isRefusedKey(refused)).toBe(true)
    expect(isRefusedKey(new ApiError(401, [{ field: null, message: 'x' }], undefined, 'session_ended'))).toBe(false)
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
