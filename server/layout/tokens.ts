/**
 * Access tokens, for a pipeline that plans and applies layouts: named, scoped, shown once and kept as a SHA-256 hash
 * only, revocable. A token acts as its owner, within its scope, and only on the layout's routes.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { TOKEN_PREFIX, type NewToken, type TokenScope, type TokenView } from '../../src/shared/layout-api.ts'
import type { Sql } from '../store/store.ts'

interface TokenRow {
  id: string
  name: string
  scope: TokenScope
  owner: string
  created_at: Date | string
  last_used_at: Date | string | null
  revoked_at: Date | string | null
}

const iso = (value: Date | string) => new Date(value).toISOString()
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

function viewOf(row: TokenRow): TokenView {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    owner: row.owner,
    createdAt: iso(row.created_at),
    ...(row.last_used_at ? { lastUsedAt: iso(row.last_used_at) } : {}),
    ...(row.revoked_at ? { revokedAt: iso(row.revoked_at) } : {}),
  }
}

export async function createToken(sql: Sql, name: string, scope: TokenScope, owner: string): Promise<NewToken> {
  // 32 random bytes: nothing to guess, and the hash alone is kept, so a copy of the store gives none away.
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const [row] = await sql.query<TokenRow>(
    `insert into access_tokens (id, name, scope, owner, hash) values ($1, $2, $3, $4, $5)
     returning id, name, scope, owner, created_at, last_used_at, revoked_at`,
    [randomUUID(), name.trim(), scope, owner, hashOf(token)],
  )
  return { ...viewOf(row!), token }
}

export async function listTokens(sql: Sql): Promise<TokenView[]> {
  const rows = await sql.query<TokenRow>(
    `select id, name, scope, owner, created_at, last_used_at, revoked_at from access_tokens
     order by revoked_at is not null, created_at desc limit 200`,
  )
  return rows.map(viewOf)
}

/** Revokes a live token; the token as it was, or undefined when there is no such live token. */
export async function revokeToken(sql: Sql, id: string, by: string): Promise<TokenView | undefined> {
  const [row] = await sql.query<TokenRow>(
    `update access_tokens set revoked_at = now(), revoked_by = $2 where id = $1 and revoked_at is null
     returning id, name, scope, owner, created_at, last_used_at, revoked_at`,
    [id, by],
  )
  return row ? viewOf(row) : undefined
}

/** An owner who signs in as a viewer no longer lends a token an admin's rights: their layout tokens are revoked. */
export async function revokeLayoutTokensOf(sql: Sql, owner: string): Promise<number> {
  const rows = await sql.query(
    `update access_tokens set revoked_at = now(), revoked_by = 'signed in as a viewer'
     where lower(owner) = lower($1) and scope = 'layout' and revoked_at is null returning id`,
    [owner],
  )
  return rows.length
}

/** The live token a bearer value is, noting its use; undefined for anything else (unknown, revoked, malformed). */
export async function tokenOf(sql: Sql, bearer: string): Promise<TokenView | undefined> {
  if (!bearer.startsWith(TOKEN_PREFIX) || bearer.length > 200) return undefined
  const [row] = await sql.query<TokenRow>(
    `update access_tokens set last_used_at = now() where hash = $1 and revoked_at is null
     returning id, name, scope, owner, created_at, last_used_at, revoked_at`,
    [hashOf(bearer)],
  )
  return row ? viewOf(row) : undefined
}
