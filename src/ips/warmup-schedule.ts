/**
 * Where an IP is in SendGrid's automated warmup: which day, today's hourly cap and when it ends. The schedule
 * counts from day 0 (the day warmup starts) to day 41; people count the first day as day 1, so day N here is the
 * schedule's day N − 1.
 */
import { lazily } from '../lib/lazily'
import { HOURLY_CAPS, WARMUP_DAYS, warmupDay } from '../shared/warmup-caps'

const DAY = 86_400
const dateFormat = lazily(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }))
const numberFormat = lazily(() => new Intl.NumberFormat())

/** "since 12 Nov 2026 (day 13)": when warmup started, as a date and as the day it has reached. */
export function warmupSince(startDate: number, now = Date.now()): string {
  return `since ${dateFormat().format(startDate * 1000)} (day ${warmupDay(startDate, now)})`
}

interface WarmupPlan {
  /** The most mail an hour SendGrid lets it send today; null once the schedule is over. */
  hourlyCap: number | null
  /** The last day of the schedule (its day 41), in ms since the epoch. */
  endsAt: number
}

export function warmupPlan(startDate: number, now = Date.now()): WarmupPlan {
  const index = warmupDay(startDate, now) - 1
  return {
    hourlyCap: index < WARMUP_DAYS ? HOURLY_CAPS[index]! : null,
    endsAt: (startDate + (WARMUP_DAYS - 1) * DAY) * 1000,
  }
}

/** "up to 176,395 an hour today · ends 10 Dec 2026", or that the schedule is over. */
export function warmupPlanText(startDate: number, now = Date.now()): string {
  const { hourlyCap, endsAt } = warmupPlan(startDate, now)
  if (hourlyCap === null) return `schedule finished on ${dateFormat().format(endsAt)}`
  return `up to ${numberFormat().format(hourlyCap)} an hour today · ends ${dateFormat().format(endsAt)}`
}

/** What happens to mail over the caps when every IP that could send it is warming up. */
export const OVER_CAP_CONSEQUENCE =
  "Mail over an IP's hourly cap goes out on the account's other IPs; when none can take it, SendGrid retries it " +
  'about every 15 minutes and drops it after 72 hours.'
