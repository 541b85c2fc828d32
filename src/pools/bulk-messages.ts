/** The outcomes of changes made of several calls (bulk.ts), in words for the dialogs and the notifications. */
import { errorMessage } from '../lib/error-message'
import type { AddResult, MoveOutcome } from './bulk'

export interface AddSummary {
  added: string[]
  failed: { ip: string; reason: string }[]
  /** One sentence for the confirmation message, or the dialog when some failed. */
  message: string
}

const list = (ips: readonly string[]) => ips.join(', ')

export function summariseAdds(pool: string, results: readonly AddResult[]): AddSummary {
  const added = results.filter((r) => r.error === undefined).map((r) => r.ip)
  const failed = results.filter((r) => r.error !== undefined).map((r) => ({ ip: r.ip, reason: errorMessage(r.error) }))
  let message: string
  if (failed.length === 0) {
    message = added.length === 1 ? `${added[0]} added to “${pool}”` : `${added.length} IPs added to “${pool}”`
  } else if (added.length === 0) {
    message = failed.length === 1 ? `${failed[0]!.ip} was not added.` : `None of the ${failed.length} IPs was added.`
  } else {
    message = `Added ${list(added)}; ${failed.length} not added.`
  }
  return { added, failed, message }
}

export function describeMove({ ip, from, to }: { ip: string; from: string; to: string }, outcome: MoveOutcome): string {
  switch (outcome.status) {
    case 'moved':
      return `${ip} moved from “${from}” to “${to}”`
    case 'not-moved':
      return `Nothing changed: ${ip} could not be added to “${to}”. ${errorMessage(outcome.error)}`
    case 'half-moved':
      return `${ip} was added to “${to}” but could not be removed from “${from}”, so it is in both pools now. ${errorMessage(outcome.error)} Try again to finish the move.`
  }
}
