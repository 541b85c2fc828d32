/** The fake SendGrid for unit tests: in memory, no latency, reset between tests by the test setup. */
import { setupServer } from 'msw/node'
import { createDb } from './db'
import { createHandlers } from './handlers'

export const db = createDb()
export const server = setupServer(...createHandlers(db))
