/**
 * The Signed Event Webhook's public key the server checks batches with: SENDGRID_WEBHOOK_PUBLIC_KEY if set, or else
 * the one an admin connected from the dashboard, which the server read from SendGrid with its own key and keeps in
 * the store (so every server sharing it checks with the same key, within a few seconds of a change). Figures are of
 * one account: a stored key counts only while the server holds that account's SendGrid key.
 */
import type { KeyObject } from 'node:crypto'
import type { WebhookStatus } from '../../src/shared/delivery.ts'
import type { Sql } from '../store/store.ts'
import { fingerprintOf, publicKeyOf } from './signature.ts'

const SETTING = 'event-webhook'
const CACHE_MS = 5_000

interface Connected {
  id: string
  publicKey: string
}

interface KeyOptions {
  /** SENDGRID_WEBHOOK_PUBLIC_KEY, read. */
  fromEnvironment?: KeyObject | undefined
  /** Whether the server holds the account's SendGrid key (SENDGRID_API_KEY). */
  accountKeyOnServer: boolean
}

export type KeySource = Pick<
  WebhookStatus,
  'key' | 'webhookId' | 'connectedBy' | 'connectedAt' | 'fingerprint' | 'since'
>

export interface WebhookKeys {
  /** The key to check a batch with, if there is one. */
  current(): Promise<KeyObject | undefined>
  /** Where the key comes from, which webhook it is, who connected it and when, and its fingerprint. */
  describe(): Promise<KeySource>
  /** Keeps a webhook's key (already read from SendGrid) as the one to check with; the fingerprint it replaces. */
  save(connected: Connected, user: string): Promise<{ replaced?: string }>
}

export function webhookKeys(sql: Sql, { fromEnvironment, accountKeyOnServer }: KeyOptions): WebhookKeys {
  let cached: { key: KeyObject | undefined; until: number } | undefined
  const startedAt = new Date().toISOString()

  async function stored() {
    if (!accountKeyOnServer) return undefined
    const [row] = await sql.query<{ value: string; changed_at: Date; changed_by: string | null }>(
      'select value, changed_at, changed_by from server_settings where name = $1',
      [SETTING],
    )
    if (!row) return undefined
    const connected = JSON.parse(row.value) as Connected
    return { ...connected, key: publicKeyOf(connected.publicKey), at: new Date(row.changed_at), by: row.changed_by }
  }

  return {
    async current() {
      if (fromEnvironment) return fromEnvironment
      if (cached && cached.until > Date.now()) return cached.key
      cached = { key: (await stored())?.key, until: Date.now() + CACHE_MS }
      return cached.key
    },
    async describe() {
      if (fromEnvironment) return { key: 'environment', fingerprint: fingerprintOf(fromEnvironment), since: startedAt }
      const row = await stored()
      if (!row) return { key: null }
      const since = row.at.toISOString()
      return {
        key: 'stored',
        webhookId: row.id,
        ...(row.by ? { connectedBy: row.by } : {}),
        connectedAt: since,
        fingerprint: fingerprintOf(row.key),
        since,
      }
    },
    async save(connected, user) {
      publicKeyOf(connected.publicKey) // refuses what is not a key before it is kept
      const before = await stored()
      await sql.query(
        `insert into server_settings (name, value, changed_at, changed_by) values ($1, $2, now(), $3)
         on conflict (name) do update set value = excluded.value, changed_at = now(), changed_by = excluded.changed_by`,
        [SETTING, JSON.stringify(connected), user],
      )
      cached = undefined
      return before ? { replaced: fingerprintOf(before.key) } : {}
    },
  }
}
