/** When something happened, as people read it here: "7 Dec 2026, 14:05" in their own locale. */
import { lazily } from './lazily'

const dateAndTime = lazily(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }))

/** An ISO time as a date and a time; the text as given when it is not a time. */
export function whenText(iso: string): string {
  const time = new Date(iso)
  return Number.isNaN(time.getTime()) ? iso : dateAndTime().format(time)
}
