import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { preloadPageAt } from './app/app-routes'
import type { Backend } from './app/backend'
import { startFirstRead } from './app/first-read'
import { createQueryClient } from './app/query-client'
import { preloadGatePage } from './connection/live-gate'

/**
 * The longest the first render waits for the first read on a first visit: the scripts came over the network, and the
 * read is in, or nearly, once they have run. On a return visit they come from the cache well before the read, and
 * the shell is better drawn while it comes.
 */
const FIRST_READ_HOLD_MS = 30

/** Whether this page's scripts came from the browser's cache (nothing transferred): a return visit. */
const scriptsFromCache = () =>
  (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).some(
    (entry) => entry.initiatorType === 'script' && entry.transferSize === 0,
  )

async function start() {
  // A page loaded later that is not in when it is first drawn waits React's 300 ms before it shows (see lazyPage):
  // the gate's page where the dashboard is not open yet, else the one at this address. A failure shows on the page.
  const pageCode = (preloadGatePage() ?? preloadPageAt(window.location.pathname))?.catch(() => {})
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
  await pageCode
  // Holding the first render for a read that is in draws the page with its rows at once, rather than a spinner and
  // then the whole page again.
  if (firstRead && !scriptsFromCache())
    await Promise.race([firstRead, new Promise((done) => setTimeout(done, FIRST_READ_HOLD_MS))])
  root.render(
    <StrictMode>
      <App backend={backend} queryClient={queryClient} />
    </StrictMode>,
  )
}

void start()
