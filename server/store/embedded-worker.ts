/**
 * The embedded engine's own thread. PGlite (PostgreSQL compiled to WebAssembly) holds its thread while it runs a
 * statement, so on the server's thread it would hold every request up, and use one of the machine's cores for both.
 * Here it answers what store.ts sends: statements, and transactions opened, used and ended by message.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { EMBEDDED_SETTINGS } from './embedded-settings.ts'

export type EmbeddedRequest =
  | { id: number; op: 'query'; text: string; params: unknown[]; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' }

export interface EmbeddedReply {
  id: number
  rows?: unknown[]
  error?: { message: string; code?: string }
}

const port = parentPort!
const reply = (message: EmbeddedReply) => port.postMessage(message)
const failed = (id: number) => (error: unknown) =>
  reply({
    id,
    error: { message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code },
  })

class RolledBack extends Error {}

/** Open transactions by the id of the request that began them; each ends when an 'end' names it. */
const open = new Map<number, { tx: Transaction; end: (commit: boolean, replyTo: number) => void }>()

try {
  const db = await PGlite.create((workerData as { folder?: string }).folder, EMBEDDED_SETTINGS)
  port.on('message', (request: EmbeddedRequest) => {
    switch (request.op) {
      case 'query': {
        const runner = request.tx === undefined ? db : open.get(request.tx)?.tx
        if (!runner) return failed(request.id)(new Error('That transaction has ended.'))
        runner
          .query(request.text, request.params)
          .then((result) => reply({ id: request.id, rows: result.rows }), failed(request.id))
        return
      }
      case 'begin': {
        let replyTo = request.id
        // Open once PGlite runs it (one transaction at a time), and answered for once it has committed or rolled back.
        db.transaction(
          (tx) =>
            new Promise<void>((resolve, reject) => {
              open.set(request.id, {
                tx,
                end: (commit, endId) => {
                  replyTo = endId
                  if (commit) resolve()
                  else reject(new RolledBack())
                },
              })
              reply({ id: request.id })
            }),
        )
          .then(
            () => reply({ id: replyTo }),
            (error: unknown) => (error instanceof RolledBack ? reply({ id: replyTo }) : failed(replyTo)(error)),
          )
          .finally(() => open.delete(request.id))
        return
      }
      case 'end': {
        const transaction = open.get(request.tx)
        if (!transaction) return failed(request.id)(new Error('That transaction has ended.'))
        return transaction.end(request.commit, request.id)
      }
      case 'close':
        db.close().then(() => reply({ id: request.id }), failed(request.id))
    }
  })
  reply({ id: 0 })
} catch (error) {
  failed(0)(error)
}
