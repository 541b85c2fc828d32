import { ApiError } from '../lib/api-client'
import { shouldRetry } from './queryClient'

const apiError = (status: number) => new ApiError(status, [{ field: null, message: 'x' }])

describe('shouldRetry', () => {
  it('does not ask again after a 4xx answer, which would not change', () => {
    for (const status of [400, 401, 403, 404]) expect(shouldRetry(0, apiError(status))).toBe(false)
  })

  it('retries twice after a network failure, a 5xx or a 429', () => {
    for (const status of [0, 429, 500, 503]) {
      expect(shouldRetry(0, apiError(status))).toBe(true)
      expect(shouldRetry(1, apiError(status))).toBe(true)
      expect(shouldRetry(2, apiError(status))).toBe(false)
    }
  })
})
