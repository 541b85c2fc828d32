/** Short confirmations ("Pool created") that outlive the dialog or page that caused them. */
import { createContext, lazy, Suspense, use, useCallback, useState, type ReactNode } from 'react'

type Notify = (message: string) => void

const NotifyContext = createContext<Notify>(() => {})

// Nothing is announced on the first screen, so the snackbar's code waits for the first message.
const Snackbar = lazy(() => import('@mui/material/Snackbar'))

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<{ message: string; key: number } | null>(null)
  const [open, setOpen] = useState(false)
  const notify = useCallback<Notify>((message) => {
    setCurrent({ message, key: Date.now() })
    setOpen(true)
  }, [])

  return (
    <NotifyContext value={notify}>
      {children}
      {current && (
        <Suspense fallback={null}>
          <Snackbar
            key={current.key}
            open={open}
            message={current.message}
            autoHideDuration={6000}
            onClose={(_, reason) => reason !== 'clickaway' && setOpen(false)}
            anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
            slotProps={{ content: { role: 'status' } }}
          />
        </Suspense>
      )}
    </NotifyContext>
  )
}

export function useNotify(): Notify {
  return use(NotifyContext)
}
