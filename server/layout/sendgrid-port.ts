/**
 * What the layout engine reads and sends, as the server does it: each call of the route table through the forwarder
 * (the server's key, the exact bytes checked), a change journalled before it goes; and what the dashboard knows
 * beside the account (the week's mail per pool, pool names in the journal).
 */
import type { FastifyBaseLogger } from 'fastify'
import { outcomeOf, type ChangeSubject } from '../../src/shared/activity.ts'
import type { AccountFacts } from '../../src/shared/layout-plan.ts'
import type { PortAnswer, PortCall } from '../../src/shared/layout-run.ts'
import { errorBody, MESSAGES } from '../../src/shared/messages.ts'
import { fillPath, routeById } from '../../src/shared/sendgrid-routes.ts'
import { readSummaries } from '../delivery/counts.ts'
import type { Journal } from '../journal.ts'
import type { Forwarder } from '../sendgrid-proxy.ts'
import type { Sql } from '../store/store.ts'

const journalRefusal = (): PortAnswer => ({
  status: 503,
  headers: {},
  body: JSON.stringify(errorBody(MESSAGES.journalUnwritable)),
})

/**
 * A port to SendGrid: `journalAs` writes a change's entry and gives its id (or nothing: then the change is not sent);
 * the entry is completed with SendGrid's answer.
 */
export function sendGridPort(forwarder: Forwarder, journal: Journal, log: FastifyBaseLogger) {
  return async function call(
    portCall: PortCall,
    journalAs?: (change: ChangeSubject) => Promise<string | undefined>,
  ): Promise<PortAnswer> {
    const route = routeById(portCall.routeId)
    const body = portCall.body === undefined ? undefined : Buffer.from(JSON.stringify(portCall.body))
    const prepared = forwarder.prepare({
      method: route.method,
      target: fillPath(route.path, portCall.params, portCall.query),
      headers: body ? { 'content-type': 'application/json' } : {},
      ...(body ? { body } : {}),
    })
    if (!('call' in prepared)) return prepared
    const { change } = prepared.call
    const entry = change && journalAs ? await journalAs(change) : undefined
    if (change && journalAs && !entry) return journalRefusal()
    const answer = await forwarder.forward(prepared)
    if (entry && !answer.unanswered)
      await journal.complete(entry, outcomeOf(answer.status, answer.body)).catch((err: unknown) => {
        log.error({ msg: 'journal outcome unwritable', id: entry, err })
      })
    return answer
  }
}

/** What the dashboard knows beside the account's layout. */
export async function accountFacts(sql: Sql, ips: AccountFacts['ips']): Promise<AccountFacts> {
  const summaries = await readSummaries(sql, 'pool', '7d')
  const sentLastWeek = Object.fromEntries(
    Object.entries(summaries.of).map(([pool, { totals }]) => [pool, Math.max(totals.processed, totals.delivered)]),
  )
  const names = await sql.query<{ name: string }>(
    `select distinct name from (
       select pool as name from activity where time > now() - interval '30 days' and pool is not null
       union select new_name from activity where time > now() - interval '30 days' and new_name is not null) as used
     limit 1000`,
  )
  return { ips, sentLastWeek, recentNames: names.map((row) => row.name), now: Date.now() }
}
