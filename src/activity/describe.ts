/** A journal entry in words. */
import { applyPath } from '../shared/app-paths'
import { MESSAGES } from '../shared/messages'
import type { ActivityEntry } from './api'
import { whenText } from '../lib/time-format'

export const entryTime = (entry: ActivityEntry): string => whenText(entry.time)

/** What was done, as parts: text (some of it a link, to an apply), and the pool names the page may link. */
type ChangePart = { text: string; to?: string } | { pool: string }

export function describeEntry(entry: ActivityEntry): ChangePart[] {
  const parts = describeChange(entry)
  // A fix made from an alert, or a change of a layout apply, says so; and a change a token made names it.
  const from = entry.incident && !entry.action.startsWith('alert-') ? [{ text: ' (from an alert)' }] : []
  const applied = entry.apply && !entry.action.startsWith('layout-') ? appliedBy(entry.apply) : []
  const token = entry.token && !entry.action.startsWith('token-') ? [{ text: ` with token “${entry.token}”` }] : []
  return [...parts, ...from, ...applied, ...token]
}

function describeChange(entry: ActivityEntry): ChangePart[] {
  const pool = (name = entry.pool): ChangePart => (name ? { pool: name } : { text: 'a pool' })
  const ip = entry.ip ?? 'an IP'
  switch (entry.action) {
    case 'create':
      return [{ text: 'Created pool ' }, pool()]
    case 'rename':
      return [{ text: 'Renamed pool ' }, pool(entry.oldName), { text: ' to ' }, pool(entry.newName)]
    case 'delete':
      return [{ text: 'Deleted pool ' }, pool()]
    case 'add-ip':
      return [{ text: `Added ${ip} to ` }, pool()]
    case 'remove-ip':
      return [{ text: `Removed ${ip} from ` }, pool()]
    case 'warmup-start':
      return [{ text: `Started warming up ${ip}` }]
    case 'warmup-stop':
      return [{ text: `Stopped warming up ${ip}` }]
    case 'subuser-ips':
      return [{ text: `Set the IPs of subuser ${entry.subuser ?? ''} to ${entry.ips?.join(', ') || 'none'}` }]
    case 'webhook-create':
      return [{ text: `Created an Event Webhook to ${entry.webhook ?? 'this dashboard'}` }]
    case 'webhook-sign':
      return [{ text: `Turned on signing for Event Webhook ${entry.webhook ?? ''}`.trimEnd() }]
    case 'webhook-test':
      return [{ text: `Sent a test event to ${entry.webhook ?? 'the Event Webhook'}` }]
    case 'webhook-key':
      return [
        {
          text:
            `Set the key that checks Event Webhook ${entry.webhook ?? ''}'s batches to ${entry.newKey ?? 'a new key'}` +
            (entry.oldKey ? ` (was ${entry.oldKey})` : ''),
        },
      ]
    case 'alert-rule':
      return [{ text: `Changed alert rule ${entry.rule ?? ''}`.trimEnd() }]
    case 'alert-rule-delete':
      return [{ text: `Deleted alert rule ${entry.rule ?? ''}`.trimEnd() }]
    case 'alert-acknowledge':
      return [{ text: `Acknowledged the alert on ${alertSubject(entry)}` }]
    case 'alert-mute':
      return [{ text: `Muted alert rule ${entry.rule ?? ''} for ${alertSubject(entry)} until ${until(entry)}` }]
    case 'alert-unmute':
      return [{ text: `Unmuted alert rule ${entry.rule ?? ''} for ${alertSubject(entry)}` }]
    case 'alert-channel':
      return [{ text: `Set the alert channel “${entry.channel ?? ''}”` }]
    case 'alert-channel-delete':
      return [{ text: `Deleted the alert channel “${entry.channel ?? ''}”` }]
    case 'layout-apply':
    case 'layout-undo': {
      const words = entry.action === 'layout-apply' ? 'Applied a pool layout' : 'Undid a layout apply'
      const said = entry.message && entry.ok ? [{ text: `: ${entry.message}` }] : []
      return [entry.apply ? { text: words, to: applyPath(entry.apply) } : { text: words }, ...said]
    }
    case 'token-create':
      return [{ text: `Created the access token “${entry.token ?? ''}”` }]
    case 'token-revoke':
      return [{ text: `Revoked the access token “${entry.token ?? ''}”` }]
    default:
      return [{ text: String(entry.action) }]
  }
}

/** " (layout apply)", its words a link to the apply. */
const appliedBy = (id: string): ChangePart[] => [
  { text: ' (' },
  { text: 'layout apply', to: applyPath(id) },
  { text: ')' },
]

/** What an alert entry is about: its IP or pool. */
const alertSubject = (entry: ActivityEntry) => entry.ip ?? (entry.pool ? `pool “${entry.pool}”` : 'every pool')
const until = (entry: ActivityEntry) => (entry.until ? whenText(entry.until) : 'further notice')

export function describeOutcome(entry: ActivityEntry): string {
  // Sent, and the server stopped before SendGrid's answer was written down: it may or may not have been done.
  if (entry.status === undefined) return MESSAGES.outcomeUnknown
  if (entry.ok) return 'Done'
  return `Refused (${entry.status})${entry.message ? `: ${entry.message}` : ''}`
}
