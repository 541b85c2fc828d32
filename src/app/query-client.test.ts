import { ApiError } from '../lib/api-client'
import { retryDelay, shouldRetry } from './query-client'

const apiError = (status: number, retryAt?: number) => new ApiError(status, [{ field: null, message: 'x' }], retryAt)

describe('shouldRetry', () => {
  it('does not ask again after a 4xx answer, which would not change', () => {
    for (const status of [400, 401, 403, 404]) expect(shouldRetry(0, apiError(status))).toBe(false)
  })

  it('retries twice after a network failure or a 5xx', () => {
    for (const status of [0, 500, 503]) {
      expect(shouldRetry(1, apiError(status))).toBe(true)
      expect(shouldRetry(2, apiError(status))).toBe(false)
    }
  })

  it('keeps waiting out a rate limit for longer', () => {
    expect(shouldRetry(4, apiError(429))).toBe(true)
    expect(shouldRetry(5, apiError(429))).toBe(false)
  })
})

describe('retryDelay', () => {
  it('waits until the rate limit resets', () => {
    expect(retryDelay(0, apiError(429, 10_000), 7_000)).toBe(3_250)
    expect(retryDelay(0, apiError(429, 5_000), 7_000)).toBe(250)
  })

  it('backs off exponentially otherwise, up to 30 seconds', () => {
    expect(retryDelay(0, apiError(500))).toBe(1_000)
    expect(retryDelay(2, apiError(429))).toBe(4_000)
    expect(retryDelay(10, apiError(0))).toBe(30_000)
  })
})
