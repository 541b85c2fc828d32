/**
 * Which sessions are live, kept in the store so that every server agrees: a sign-in starts one (its id goes into
 * the cookie), signing out ends it, "Sign out everywhere" ends all of one person's, and an admin can see who is
 * signed in and end any. Each request checks its session here through a short cache, so a sign-out on one server
 * ends the session on the others within CACHE_MS. A session's row is deleted once it has expired.
 */
import { randomBytes } from 'node:crypto'
import type { LiveSession } from '../src/shared/dashboard-api.ts'
import type { SessionUser } from './sessions.ts'
import { StoreUnavailable, type Sql } from './store/store.ts'

export const CACHE_MS = 3000

export interface SessionRegistry {
  /** A new session for `user`, lasting `seconds`; its id. */
  start(user: SessionUser, seconds: number): Promise<string>
  /** Whether the session is live (unknown ids are not). Where the store cannot be asked, what was last known. */
  isLive(id: string): Promise<boolean>
  end(id: string): Promise<boolean>
  endAllOf(email: string): Promise<number>
  live(): Promise<Omit<LiveSession, 'current'>[]>
  /** Deletes the rows of sessions that have expired, revoked or not. */
  sweep(): Promise<number>
}

export function createSessionRegistry(sql: Sql, now = () => Date.now()): SessionRegistry {
  const known = new Map<string, { live: boolean; at: number }>()
  const remember = (id: string, live: boolean) => {
    known.set(id, { live, at: now() })
    if (known.size > 10_000) known.delete(known.keys().next().value!)
  }

  return {
    async start(user, seconds) {
      const id = randomBytes(18).toString('base64url')
      await sql.query(
        `insert into sessions (id, user_email, name, expires_at) values ($1, $2, $3, now() + $4 * interval '1 second')`,
        [id, user.email, user.name ?? null, seconds],
      )
      remember(id, true)
      return id
    },
    async isLive(id) {
      const cached = known.get(id)
      if (cached && now() - cached.at < CACHE_MS) return cached.live
      try {
        const rows = await sql.query<{ live: boolean }>(
          'select (revoked_at is null and expires_at > now()) as live from sessions where id = $1',
          [id],
        )
        const live = rows[0]?.live === true
        remember(id, live)
        return live
      } catch (error) {
        // Reads go on while the store is down (nothing can be changed then: changes need the journal).
        if (error instanceof StoreUnavailable) return cached?.live ?? true
        throw error
      }
    },
    async end(id) {
      const rows = await sql.query(
        'update sessions set revoked_at = now() where id = $1 and revoked_at is null returning id',
        [id],
      )
      remember(id, false)
      return rows.length > 0
    },
    async endAllOf(email) {
      const rows = await sql.query<{ id: string }>(
        'update sessions set revoked_at = now() where lower(user_email) = lower($1) and revoked_at is null returning id',
        [email],
      )
      for (const { id } of rows) remember(id, false)
      return rows.length
    },
    async live() {
      const rows = await sql.query<{
        id: string
        user_email: string
        name: string | null
        created_at: Date
        expires_at: Date
      }>(
        `select id, user_email, name, created_at, expires_at from sessions
         where revoked_at is null and expires_at > now() order by lower(user_email), created_at desc limit 1000`,
      )
      return rows.map((row) => ({
        id: row.id,
        email: row.user_email,
        ...(row.name ? { name: row.name } : {}),
        createdAt: new Date(row.created_at).toISOString(),
        expiresAt: new Date(row.expires_at).toISOString(),
      }))
    },
    async sweep() {
      return (await sql.query('delete from sessions where expires_at < now() returning id')).length
    },
  }
}
