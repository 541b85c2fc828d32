/**
 * The schema, from numbered plain SQL files (migrations/NNN-name.sql) applied in order at start. All that are not
 * yet applied run in one transaction under an advisory lock, so two servers starting together do not race, and a
 * migration that fails leaves the schema as it was: the server refuses to start and names it.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Store } from './store.ts'

export const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations')

/** Any number, the same in every server of this dashboard: the key of the advisory lock migrations run under. */
const MIGRATION_LOCK = 7_263_501

export class MigrationError extends Error {
  override name = 'MigrationError'
}

export async function migrate(store: Store, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((file) => /^\d{3}-[\w-]+\.sql$/.test(file)).sort()
  return store.transaction(async (sql) => {
    await sql.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await sql.query(
      `create table if not exists schema_migrations (
         version int primary key, name text not null, applied_at timestamptz not null default now())`,
    )
    const applied = new Set(
      (await sql.query<{ version: number }>('select version from schema_migrations')).map((row) => row.version),
    )
    const done: string[] = []
    for (const file of files) {
      const version = Number(file.slice(0, 3))
      if (applied.has(version)) continue
      try {
        // One statement per query: the extended protocol (both engines) takes one at a time.
        for (const statement of statements(await readFile(join(dir, file), 'utf8'))) await sql.query(statement)
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        throw new MigrationError(`Migration ${file} failed, so none was applied: ${reason}`)
      }
      await sql.query('insert into schema_migrations (version, name) values ($1, $2)', [version, file])
      done.push(file)
    }
    return done
  })
}

/** A migration's statements: split at semicolons that end a line (the files keep one statement per paragraph). */
function statements(text: string): string[] {
  return text
    .replace(/--.*$/gm, '')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean)
}
