/** The fake SendGrid's state, as kept between requests (in localStorage in the demo). */
import type { ActivityEntry } from '../shared/activity'
import type { AlertChannel, AlertMute } from '../shared/alert-api'
import type { Incident } from '../shared/alert-incidents'
import type { AlertRule } from '../shared/alerts'
import type { ApplyView } from '../shared/layout-api'
import type { LayoutFile } from '../shared/layout-file'
import type { AccountLayout } from '../shared/layout-plan'

/** Who makes the demo's changes, as the journal names them. */
export const DEMO_USER = 'you (demo)'

export interface DemoIp {
  ip: string
  rdns: string
  warmup: boolean
  /** Unix seconds, or null when not warming up. */
  start_date: number | null
  whitelabeled: boolean
  /** Whether its reverse DNS record (when whitelabeled) validates; true unless said otherwise. */
  rdnsValid?: boolean
  subusers: string[]
  assigned_at: number | null
}

export interface DemoPool {
  name: string
  ips: string[]
  /** When each IP joined (ms since the epoch), for answering with SendGrid's lag in listing new members. */
  addedAt?: Record<string, number>
  /** IPs that were in it and left (ms since the epoch), so its past figures stay its own; a month's worth. */
  past?: { ip: string; from?: number; to: number }[]
}

/** An Event Webhook of the account, as SendGrid lists it: its settings, and each event it sends on or off. */
export interface DemoWebhook {
  id: string
  url: string
  enabled: boolean
  friendly_name: string
  public_key: string
  [event: string]: string | boolean
}

export interface DemoState {
  version: 1
  /** Which seed it grew from: the hand-made sample, or the large one of `?demo=large`. */
  dataset?: 'sample' | 'large'
  pools: DemoPool[]
  ips: DemoIp[]
  /** The parent account's subusers, by username; each IP lists those it serves. */
  subusers?: string[]
  /** The activity journal, oldest first, as the dashboard's server keeps it; the newest entries only. */
  activity?: ActivityEntry[]
  /**
   * How long a new pool member stays out of the answers that list members (SendGrid: "may take up to 60 seconds").
   * Off (0) unless a test or the demo's ?lag= setting turns it on.
   */
  memberLagSeconds?: number
  /** The account's Event Webhooks. */
  webhooks?: DemoWebhook[]
  /** The webhook whose key the dashboard's server keeps, once an admin has connected it. */
  webhookConnected?: { id: string; url: string; by: string; at: string }
  /** When the last signed batch reached the dashboard's server (ISO 8601). */
  lastBatchAt?: string
  /** Alerting, as the dashboard's server keeps it. */
  alerts?: DemoAlerts
  /** Layout applies, as the dashboard's server keeps them, newest first. */
  layoutApplies?: DemoApply[]
}

export interface DemoApply {
  view: ApplyView
  before: AccountLayout
  layout: LayoutFile
  afterFingerprint: string | null
}

export interface DemoAlerts {
  /** Rules added, and defaults as changed. */
  rules: AlertRule[]
  channels: AlertChannel[]
  mutes: AlertMute[]
  incidents: (Incident & { id: string; acknowledgedAt?: string; acknowledgedBy?: string })[]
  evaluatedAt?: string
}
