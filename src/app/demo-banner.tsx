import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import { Suspense, lazy, useState } from 'react'

/** Loaded when asked for: the banner is on every first screen of the demo. */
const ResetDemoDialog = lazy(() => import('./reset-demo-dialog'))

export function DemoBanner({ reset }: { reset: () => void }) {
  const [asking, setAsking] = useState(false)
  return (
    <Alert
      severity="info"
      square
      action={
        <Button color="inherit" size="small" onClick={() => setAsking(true)} sx={{ whiteSpace: 'nowrap' }}>
          Reset demo data
        </Button>
      }
    >
      <strong>Demo mode</strong>: sample data, not a real SendGrid account. Changes stay in this browser.
      {asking && (
        <Suspense fallback={null}>
          <ResetDemoDialog reset={reset} onClose={() => setAsking(false)} />
        </Suspense>
      )}
    </Alert>
  )
}
