import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { db, server } from '../mocks/node'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  server.resetHandlers()
  server.events.removeAllListeners()
  db.reset()
  localStorage.clear()
})
afterAll(() => server.close())
