import { HOURLY_CAPS, warmupDay } from '../shared/warmup-caps'
import { warmupPlan, warmupPlanText, warmupSince } from './warmup-schedule'

const DAY_MS = 86_400_000

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

describe('the warmup plan', () => {
  const start = Date.UTC(2026, 10, 1) / 1000

  it("gives each day's hourly cap from SendGrid's schedule, day 0 to day 41", () => {
    const caps = Array.from({ length: 42 }, (_, day) => warmupPlan(start, start * 1000 + day * DAY_MS + 1).hourlyCap)
    expect(caps).toEqual([...HOURLY_CAPS])
    expect(caps[0]).toBe(20)
    expect(caps[12]).toBe(1_000)
    expect(caps[27]).toBe(176_395)
    expect(caps[41]).toBe(19_601_056)
  })

  it("ends on the schedule's day 41, and says so once it is over", () => {
    expect(warmupPlan(start, start * 1000).endsAt).toBe(Date.UTC(2026, 11, 12))
    expect(warmupPlan(start, start * 1000 + 42 * DAY_MS).hourlyCap).toBeNull()
    expect(warmupPlanText(start, start * 1000 + 42 * DAY_MS)).toMatch(/^schedule finished on /)
    expect(warmupPlanText(start, start * 1000 + 27 * DAY_MS)).toMatch(/^up to 176,395 an hour today · ends .*2026$/)
  })
})
