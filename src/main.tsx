import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import type { Backend } from './app/backend'
import { startFirstRead } from './app/first-read'
import { createQueryClient } from './app/query-client'

/**
 * The longest the first render waits for the first read. On a first visit the read is in by the time the scripts
 * have run; on a return visit the scripts are quicker than the read, and the shell is better drawn while it comes.
 */
const FIRST_READ_HOLD_MS = 30

async function start() {
  const root = createRoot(document.getElementById('root')!)
  const queryClient = createQueryClient()
  let backend: Backend = { mode: 'live' }
  // A build-time constant: in a live build this branch, and the fake backend with it, is left out entirely.
  if (import.meta.env.MODE === 'demo') {
    try {
      const { startDemoBackend } = await import('./mocks/browser')
      backend = { mode: 'demo', ...(await startDemoBackend()) }
    } catch (error) {
      root.render(
        <p role="alert" style={{ font: '16px system-ui', margin: 24 }}>
          The demo could not start its sample backend: {error instanceof Error ? error.message : String(error)}. Open
          the app at http://localhost, in a browser that allows service workers.
        </p>,
      )
      return
    }
  }
  const firstRead = backend.mode === 'live' ? startFirstRead(queryClient, window.location.pathname) : undefined
  // Holding the first render for a read that is in draws the page with its rows at once, rather than a spinner and
  // then the whole page again.
  if (firstRead) await Promise.race([firstRead, new Promise((done) => setTimeout(done, FIRST_READ_HOLD_MS))])
  root.render(
    <StrictMode>
      <App backend={backend} queryClient={queryClient} />
    </StrictMode>,
  )
}

void start()
