import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { db, server } from '../mocks/node'

// findBy and waitFor resolve as soon as what they wait for shows; this is only how long they give it on a busy
// machine before failing (the library's default, 1 s, failed pages that took 1.5 s to render under load).
configure({ asyncUtilTimeout: 15_000 })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  server.resetHandlers()
  server.events.removeAllListeners()
  db.reset()
  localStorage.clear()
})
afterAll(() => server.close())
