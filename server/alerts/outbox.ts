/**
 * Sends what waits in the alert outbox. A server claims a few rows for a minute (`for update skip locked`, so two
 * servers on one database never claim the same row), sends each to its channel, records the attempt and the answer,
 * and marks the row sent, or due again after a backoff. A server killed mid-send leaves its claim to lapse and another
 * (or itself, restarted) sends again: at least once, and each with the same id so a receiver can drop a repeat. After
 * a day of failures, or an answer that no retry can change, the row is given up.
 */
import { randomUUID } from 'node:crypto'
import type { Store } from '../store/store.ts'
import { deliver, type Deliverers, type Outgoing, type StoredChannel, readChannels } from './channels.ts'
import type { PostAnswer } from './destinations.ts'

/** How long a claim holds: longer than a send's timeout. */
const CLAIM_SECONDS = 30
const GIVE_UP_AFTER_HOURS = 24
const BATCH = 20

/** Seconds until the next try after `attempts` failures: `first` (30 s) doubling, at most an hour. */
export const backoffSeconds = (attempts: number, first = 30) => Math.min(first * 2 ** Math.max(0, attempts - 1), 3600)

/** A refusal no retry can change (the channel is gone, the key is wrong); a timeout or 429 or 5xx may pass. */
const isFinal = ({ status }: PostAnswer) =>
  status !== null && status >= 400 && status < 500 && ![408, 429].includes(status)

interface Claimed {
  id: string
  incident_id: string
  channel_id: string
  kind: Outgoing['kind']
  attempts: number
  created_at: Date
}

export interface OutboxOptions extends Deliverers {
  /** The notification's content: its incident as the API shows it, the rule in words, the page's link. */
  outgoing(row: { id: string; incidentId: string; kind: Outgoing['kind'] }): Promise<Outgoing | undefined>
  onError(error: unknown): void
  /** How often the outbox is looked at without being woken. */
  everyMs?: number
  /** The first retry's delay, in seconds (ALERT_RETRY_SECONDS). */
  retrySeconds?: number
}

export interface Outbox {
  /** Looks at the outbox now (after an evaluation queued something). */
  wake(): void
  /** Resolves once what was due when called has been tried. */
  idle(): Promise<void>
  stop(): Promise<void>
}

export function startOutbox(store: Store, options: OutboxOptions): Outbox {
  const { everyMs = 5_000, retrySeconds = 30, onError } = options
  let stopped = false
  let woken = false
  let running: Promise<void> | undefined

  async function claim(): Promise<Claimed[]> {
    return store.query<Claimed>(
      `update alert_outbox set claimed_until = clock_timestamp() + $1 * interval '1 second'
       where id in (
         select id from alert_outbox
         where sent_at is null and gave_up_at is null and next_attempt_at <= clock_timestamp()
           and (claimed_until is null or claimed_until < clock_timestamp())
         order by created_at limit $2 for update skip locked)
       returning id, incident_id, channel_id, kind, attempts, created_at`,
      [CLAIM_SECONDS, BATCH],
    )
  }

  async function sendOne(row: Claimed, channels: Map<string, StoredChannel>) {
    const channel = channels.get(row.channel_id)
    const outgoing = await options.outgoing({ id: row.id, incidentId: row.incident_id, kind: row.kind })
    const answer: PostAnswer =
      !channel || !outgoing
        ? { ok: false, status: 410, answer: channel ? 'The incident is gone.' : 'The channel was deleted.' }
        : await deliver(channel, outgoing, options)
    const attempts = row.attempts + 1
    const expired = Date.now() - new Date(row.created_at).getTime() > GIVE_UP_AFTER_HOURS * 3600_000
    await store.transaction(async (sql) => {
      await sql.query(
        `insert into alert_attempts (id, outbox_id, incident_id, channel_id, ok, status, answer)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [randomUUID(), row.id, row.incident_id, row.channel_id, answer.ok, answer.status, answer.answer],
      )
      await sql.query(
        `update alert_outbox set attempts = $2, claimed_until = null,
           sent_at = case when $3 then clock_timestamp() end,
           gave_up_at = case when not $3 and $4 then clock_timestamp() end,
           next_attempt_at = clock_timestamp() + $5 * interval '1 second'
         where id = $1`,
        [row.id, attempts, answer.ok, isFinal(answer) || expired, backoffSeconds(attempts, retrySeconds)],
      )
    })
  }

  async function drain() {
    while (woken && !stopped) {
      woken = false
      try {
        for (let rows = await claim(); rows.length && !stopped; rows = await claim()) {
          const channels = new Map((await readChannels(store)).map((channel) => [channel.id, channel]))
          await Promise.all(rows.map((row) => sendOne(row, channels)))
        }
      } catch (error) {
        onError(error)
      }
    }
  }

  const wake = () => {
    woken = true
    running ??= drain().finally(() => (running = undefined))
  }
  const timer = setInterval(wake, everyMs).unref()
  wake()
  return {
    wake,
    async idle() {
      wake()
      while (running) await running
    },
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
