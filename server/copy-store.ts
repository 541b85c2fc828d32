/**
 * `npm run store:copy -- postgres://…`: moves the embedded store in DATA_DIR to a PostgreSQL server (see
 * store/copy.ts), counting first the webhook batches the stopped server kept but had not counted. Run with the
 * server stopped.
 */
import { resolve } from 'node:path'
import { countAllWaiting } from './delivery/batch-queue.ts'
import { copyStore } from './store/copy.ts'
import { openEmbedded, openPostgres } from './store/store.ts'

const target = process.argv[2] ?? process.env.DATABASE_URL
if (!target || !/^postgres(ql)?:\/\//.test(target)) {
  console.error('Usage: DATA_DIR=data npm run store:copy -- postgres://user@host/database')
  process.exit(2)
}
const folder = resolve(process.env.DATA_DIR || 'data', 'store')
const from = await openEmbedded(folder)
const to = await openPostgres(target)
try {
  const copied = await copyStore(from, to, { settle: countAllWaiting })
  console.log(
    `Copied ${copied.activity} journal entries, ${copied.sessions} live sessions, ${copied.delivery_hours} hours ` +
      `of delivery counts and ${copied.server_settings} settings from ${folder}.`,
  )
} finally {
  await Promise.all([from.close(), to.close()])
}
