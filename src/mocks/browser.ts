/** The fake SendGrid for demo mode: a service worker answers the API, with state kept in localStorage. */
import { setupWorker } from 'msw/browser'
import { createDb, type DemoState, type StateStore } from './db'
import { createHandlers } from './handlers'
import { largeSeedState } from './seed'

const STORAGE_KEY = 'ip-pools-demo:state'
const RELOADED_KEY = 'ip-pools-demo:reloaded-for-worker'

const localStore: StateStore = {
  load() {
    try {
      return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as DemoState | null
    } catch {
      return null // unreadable state is replaced by fresh seed data
    }
  },
  save(state) {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state))
  },
}

interface DemoBackend {
  reset(): void
}

export async function startDemoBackend(): Promise<DemoBackend> {
  const db = createDb(localStore)
  // ?demo=large swaps in 100 pools and 5,000 IPs (once: later changes to them persist like any others).
  if (new URLSearchParams(location.search).get('demo') === 'large' && localStore.load()?.dataset !== 'large') {
    db.replace(largeSeedState())
  }
  // ?lag=60 makes new pool members take that many seconds to be listed, as SendGrid may; ?lag=0 turns it off.
  const lag = new URLSearchParams(location.search).get('lag')
  if (lag !== null && Number.isFinite(Number(lag))) db.setMemberLag(Number(lag))
  const url = `${import.meta.env.BASE_URL}mockServiceWorker.js`
  // A hard reload (Shift+Reload) leaves the page without its worker although one is registered: the app's calls
  // would reach the static server and fail. An ordinary reload gives the worker back before anything is asked.
  // Once only: a browser told to bypass workers (a developer tool's setting) would reload for ever.
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined)
  const reloaded = sessionStorage.getItem(RELOADED_KEY) !== null
  sessionStorage.removeItem(RELOADED_KEY)
  if (registration?.active && !navigator.serviceWorker.controller && !reloaded) {
    sessionStorage.setItem(RELOADED_KEY, '1')
    location.reload()
    return new Promise<never>(() => {})
  }
  if (registration) quietUpdateFailures(registration)
  const worker = setupWorker(...createHandlers(db, { latency: () => 150 + Math.random() * 250 }))
  await worker.start({
    serviceWorker: { url },
    // Only the API is faked; the app's own files pass through quietly.
    onUnhandledRequest: 'bypass',
    quiet: true,
  })
  return { reset: () => db.reset() }
}

/**
 * MSW asks an existing worker registration to update and leaves a failure uncaught (mswjs/msw#2006): a check that
 * cannot fetch the script (offline, a page going away) logged "Failed to update a ServiceWorker". The worker in use
 * goes on serving either way, so a failed check is caught here. Registrations are the same object for a page.
 */
function quietUpdateFailures(registration: ServiceWorkerRegistration) {
  const update = registration.update.bind(registration)
  registration.update = () => {
    const checked = update()
    checked.catch(() => {})
    return checked
  }
}
