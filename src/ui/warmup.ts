const DAY = 86_400
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

/** Which day of warmup an IP is on: the day it started is day 1. */
export function warmupDay(startDate: number, now = Date.now()): number {
  return Math.max(1, Math.floor((now / 1000 - startDate) / DAY) + 1)
}

/** "since 12 Nov 2026 (day 13)": when warmup started, as a date and as the day it has reached. */
export function warmupSince(startDate: number, now = Date.now()): string {
  return `since ${dateFormat.format(startDate * 1000)} (day ${warmupDay(startDate, now)})`
}
