/**
 * The Signed Event Webhook's public key the server checks batches with: SENDGRID_WEBHOOK_PUBLIC_KEY if set, or else
 * the one an admin connected from the dashboard, which the server read from SendGrid itself and keeps in the store
 * (so every server sharing it checks with the same key, within a few seconds of a change).
 */
import type { KeyObject } from 'node:crypto'
import type { Sql } from '../store/store.ts'
import { publicKeyOf } from './signature.ts'

const SETTING = 'event-webhook'
const CACHE_MS = 5_000

interface Connected {
  id: string
  publicKey: string
}

export interface WebhookKeys {
  /** The key to check a batch with, if there is one. */
  current(): Promise<KeyObject | undefined>
  /** Where the key comes from, which webhook it is, who connected it and when. */
  describe(): Promise<{
    key: 'environment' | 'stored' | null
    webhookId?: string
    connectedBy?: string
    connectedAt?: string
  }>
  /** Keeps a webhook's key (already read from SendGrid) as the one to check with. */
  save(connected: Connected, user: string): Promise<void>
}

export function webhookKeys(sql: Sql, fromEnvironment?: KeyObject): WebhookKeys {
  let cached: { key: KeyObject | undefined; until: number } | undefined

  async function stored() {
    const [row] = await sql.query<{ value: string; changed_at: Date; changed_by: string | null }>(
      'select value, changed_at, changed_by from server_settings where name = $1',
      [SETTING],
    )
    if (!row) return undefined
    return { ...(JSON.parse(row.value) as Connected), at: new Date(row.changed_at), by: row.changed_by }
  }

  return {
    async current() {
      if (fromEnvironment) return fromEnvironment
      if (cached && cached.until > Date.now()) return cached.key
      const row = await stored()
      cached = { key: row ? publicKeyOf(row.publicKey) : undefined, until: Date.now() + CACHE_MS }
      return cached.key
    },
    async describe() {
      if (fromEnvironment) return { key: 'environment' }
      const row = await stored()
      if (!row) return { key: null }
      return {
        key: 'stored',
        webhookId: row.id,
        ...(row.by ? { connectedBy: row.by } : {}),
        connectedAt: row.at.toISOString(),
      }
    },
    async save(connected, user) {
      publicKeyOf(connected.publicKey) // refuses what is not a key before it is kept
      await sql.query(
        `insert into server_settings (name, value, changed_at, changed_by) values ($1, $2, now(), $3)
         on conflict (name) do update set value = excluded.value, changed_at = now(), changed_by = excluded.changed_by`,
        [SETTING, JSON.stringify(connected), user],
      )
      cached = undefined
    },
  }
}
