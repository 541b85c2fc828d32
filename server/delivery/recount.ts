/**
 * `npm run events:recount`: puts the Event Webhook batches that were set aside (they could not be counted) back in
 * the queue, once an upgrade has mended the cause; the servers count them as they count any waiting batch. Uses the
 * server's store settings (DATABASE_URL, or the embedded store in DATA_DIR, with its server stopped).
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { migrate } from '../store/migrate.ts'
import { StoreInUse, openStore } from '../store/store.ts'
import { recountSetAside } from './batch-queue.ts'

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const databaseUrl = process.env.DATABASE_URL?.trim()
  try {
    const store = await openStore({
      dataDir: resolve(process.env.DATA_DIR || 'data'),
      ...(databaseUrl ? { databaseUrl } : {}),
    })
    try {
      await migrate(store)
      const moved = await recountSetAside(store)
      console.log(
        moved === 0
          ? 'No batch is set aside.'
          : `${moved} set-aside ${moved === 1 ? 'batch is' : 'batches are'} back in the queue; a server counts them within seconds of starting.`,
      )
    } finally {
      await store.close()
    }
  } catch (error) {
    if (!(error instanceof StoreInUse)) throw error
    console.error(`${error.message} Stop that server first, then run this again.`)
    process.exit(1)
  }
}
