/**
 * Creates a new embedded store's files in the folder named on the command line, then exits. It runs in a process
 * of its own on a store's first start: creating the files (PostgreSQL's initdb) leaves some 450 MB of WebAssembly
 * memory behind in the process that ran it, which a server would then hold for as long as it runs.
 */
import { PGlite } from '@electric-sql/pglite'
import { EMBEDDED_SETTINGS } from './embedded-settings.ts'

const folder = process.argv[2]
if (!folder) throw new Error('Name the folder to prepare.')
const db = await PGlite.create(folder, EMBEDDED_SETTINGS)
await db.close()
