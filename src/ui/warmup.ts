const DAY = 86_400

/** Which day of warmup an IP is on: the day it started is day 1. */
export function warmupDay(startDate: number, now = Date.now()): number {
  return Math.max(1, Math.floor((now / 1000 - startDate) / DAY) + 1)
}
