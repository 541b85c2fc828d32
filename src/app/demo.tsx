/** Demo mode's controls, handed over by main.tsx when the fake backend runs; absent in live mode. */
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import { useQueryClient } from '@tanstack/react-query'
import { createContext, use } from 'react'
import { useNotify } from './notifications'

export interface DemoControls {
  reset(): void
}

export const DemoContext = createContext<DemoControls | null>(null)

export function useDemo(): DemoControls | null {
  return use(DemoContext)
}

export function DemoBanner({ demo }: { demo: DemoControls }) {
  const queryClient = useQueryClient()
  const notify = useNotify()
  const reset = async () => {
    demo.reset()
    await queryClient.resetQueries()
    notify('Demo data reset')
  }
  return (
    <Alert
      severity="info"
      square
      action={
        <Button color="inherit" size="small" onClick={reset} sx={{ whiteSpace: 'nowrap' }}>
          Reset demo data
        </Button>
      }
    >
      <strong>Demo mode</strong>: sample data, not a real SendGrid account. Changes stay in this browser.
    </Alert>
  )
}
