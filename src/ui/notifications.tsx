/**
 * Short confirmations ("Pool created") that outlive the dialog or page that caused them. They queue rather than
 * replace each other, in one live region that is always on the page, so a screen reader hears each one.
 */
import { createContext, lazy, Suspense, use, useCallback, useRef, useState, type ReactNode } from 'react'
import type { Notice, Undo } from './notice'

interface NotifyOptions {
  /** Offered for 10 seconds. */
  undo?: Undo
}

type Notify = (message: string, options?: NotifyOptions) => void

const NotifyContext = createContext<Notify>(() => {})

// Nothing is announced on the first screen, so the notices' code waits for the first one.
const NoticeList = lazy(() => import('./notice-list'))

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([])
  const nextId = useRef(0)
  const notify = useCallback<Notify>((message, options = {}) => {
    nextId.current += 1
    const notice = { id: nextId.current, message, undo: options.undo }
    setNotices((shown) => [...shown, notice])
  }, [])
  const dismiss = useCallback((id: number) => setNotices((shown) => shown.filter((notice) => notice.id !== id)), [])

  return (
    <NotifyContext value={notify}>
      {children}
      <div role="status" aria-label="Notifications">
        {notices.length > 0 && (
          <Suspense fallback={null}>
            <NoticeList notices={notices} onDismiss={dismiss} />
          </Suspense>
        )}
      </div>
    </NotifyContext>
  )
}

export function useNotify(): Notify {
  return use(NotifyContext)
}
