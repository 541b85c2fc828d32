import { warmupDay, warmupSince } from './warmup'

describe('warmup day', () => {
  const start = Date.UTC(2026, 10, 1) / 1000

  it('counts the start day as day 1', () => {
    expect(warmupDay(start, start * 1000)).toBe(1)
    expect(warmupDay(start, start * 1000 + 86_399_000)).toBe(1)
    expect(warmupDay(start, Date.UTC(2026, 10, 13))).toBe(13)
  })

  it('says the date and the day', () => {
    expect(warmupSince(start, Date.UTC(2026, 10, 13))).toMatch(/^since .*2026 \(day 13\)$/)
  })
})
