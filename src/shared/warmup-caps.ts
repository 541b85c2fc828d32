/**
 * SendGrid's automated warmup schedule, which the app shows beside an IP and a layout plan warns with. The schedule
 * counts from day 0 (the day warmup starts) to day 41; people count the first day as day 1.
 */
const DAY = 86_400

/** SendGrid's automated warmup schedule: the most mail an hour an IP may send on each day, day 0 to day 41. */
export const HOURLY_CAPS = [
  20, 28, 39, 55, 77, 108, 151, 211, 295, 413, 579, 810, 1_000, 1_587, 2_222, 3_111, 4_356, 6_098, 8_583, 11_953,
  16_734, 23_427, 32_798, 45_917, 64_284, 89_998, 125_997, 176_395, 246_953, 345_735, 484_029, 677_640, 948_696,
  1_328_175, 1_859_444, 2_603_222, 3_644_511, 5_102_316, 7_143_242, 10_000_539, 14_000_754, 19_601_056,
] as const

export const WARMUP_DAYS = HOURLY_CAPS.length

/** Which day of warmup an IP is on: the day it started is day 1. */
export function warmupDay(startDate: number, now = Date.now()): number {
  return Math.max(1, Math.floor((now / 1000 - startDate) / DAY) + 1)
}
