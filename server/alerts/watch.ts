/**
 * Alerting as it runs in a server: the rules evaluated every few minutes and soon after each counted batch, and the
 * outbox sent. Every server runs both; the evaluation's lock and the outbox's claims keep several servers on one
 * database from opening an incident twice or sending a notification twice.
 */
import { ruleInWords, type AlertRuleView } from '../../src/shared/alert-api.ts'
import { ipPath, poolPath } from '../../src/shared/app-paths.ts'
import type { Store } from '../store/store.ts'
import type { Outgoing, StoredChannel } from './channels.ts'
import { deliver } from './channels.ts'
import { DEFAULT_INCIDENT_TIMES, timesOfRules, type IncidentTimes } from '../../src/shared/alert-incidents.ts'
import type { Mailer } from './mailer.ts'
import { startOutbox } from './outbox.ts'
import { readRules } from './readings.ts'
import { readAlertRules } from './rules.ts'
import { readIncidents, recordEvaluation } from './store.ts'

/** How soon after a counted batch the rules are evaluated: batches arriving together are evaluated once. */
const AFTER_BATCH_MS = 2_000

export interface AlertsOptions {
  store: Store
  mailer: Mailer
  /** ALERT_DESTINATION_HOSTS: hosts exempt from the destination rules. */
  listed: readonly string[]
  /** ALERT_EVALUATE_SECONDS, in ms. */
  everyMs: number
  /** ALERT_RETRY_SECONDS. */
  retrySeconds?: number
  times?: IncidentTimes
  /** Where the dashboard is reached, for links in notifications. */
  dashboardUrl: () => string
  onError(error: unknown): void
}

export type Alerts = ReturnType<typeof startAlerts>

export function startAlerts(options: AlertsOptions) {
  const { store, everyMs, times = DEFAULT_INCIDENT_TIMES, onError } = options
  let rules: AlertRuleView[] = []
  const measureOf = (ruleId: string) => rules.find((rule) => rule.id === ruleId)?.measure

  const linkOf = (outgoing: Pick<Outgoing, 'incident'>) => {
    const { by, name } = outgoing.incident.scope
    const path = by === 'ip' ? ipPath(name) : poolPath(name)
    return new URL(path, options.dashboardUrl()).href
  }

  async function outgoing({ id, incidentId, kind }: { id: string; incidentId: string; kind: Outgoing['kind'] }) {
    if (!rules.length) rules = await readAlertRules(store)
    const [incident] = await readIncidents(store, measureOf, { id: incidentId })
    if (!incident) return undefined
    // What was sent before, and to whom, is no receiver's business.
    const shown = Object.fromEntries(
      Object.entries(incident).filter(([key]) => key !== 'attempts'),
    ) as Outgoing['incident']
    const rule = rules.find((one) => one.id === incident.ruleId)
    const words = rule ? ruleInWords(rule) : `Rule ${incident.ruleId}, since deleted`
    return { id, kind, incident: shown, rule: words, link: linkOf({ incident: shown }) }
  }

  const outbox = startOutbox(store, { ...options, outgoing, onError })

  let evaluating: Promise<unknown> | undefined
  let evaluatedAt: string | null = null
  async function evaluateNow(now = Date.now()) {
    await evaluating
    const run = (async () => {
      rules = await readAlertRules(store)
      const readings = await readRules(store, rules)
      const notifications = await recordEvaluation(store, readings, now, timesOfRules(rules, times))
      evaluatedAt = new Date(now).toISOString()
      if (notifications.length) outbox.wake()
      return notifications
    })()
    evaluating = run.catch(() => undefined)
    return run
  }
  const evaluate = () => evaluateNow().catch(onError)
  const timer = setInterval(evaluate, everyMs).unref()
  let soon: NodeJS.Timeout | undefined

  return {
    evaluateNow,
    /** When this server last finished an evaluation. */
    evaluatedAt: () => evaluatedAt,
    everySeconds: everyMs / 1000,
    /** Evaluates shortly: called after each counted batch. */
    nudge() {
      soon ??= setTimeout(() => {
        soon = undefined
        void evaluate()
      }, AFTER_BATCH_MS).unref()
    },
    outbox,
    /** Sends a made-up notification to a channel now, outside the outbox: "Send a test". */
    async test(channel: StoredChannel) {
      const now = new Date().toISOString()
      const incident = {
        id: '00000000-0000-4000-8000-000000000000',
        ruleId: 'test',
        measure: 'deferred' as const,
        scope: { by: 'ip' as const, name: '192.0.2.1' },
        openedValue: 0.14,
        value: 0.14,
        threshold: 0.1,
        volume: 2400,
        openedAt: now,
        lastCrossedAt: now,
        evaluatedAt: now,
        resolvedAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
      }
      const test: Outgoing = { id: crypto.randomUUID(), kind: 'test', incident, rule: 'A test', link: '' }
      return deliver(channel, { ...test, link: linkOf(test) }, options)
    },
    async stop() {
      clearInterval(timer)
      clearTimeout(soon)
      await evaluating
      await outbox.stop()
    },
  }
}
