import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import { useQueryClient } from '@tanstack/react-query'
import { useNotify } from '../ui/notifications'

export function DemoBanner({ reset }: { reset: () => void }) {
  const queryClient = useQueryClient()
  const notify = useNotify()
  const resetData = async () => {
    reset()
    await queryClient.resetQueries()
    notify('Demo data reset')
  }
  return (
    <Alert
      severity="info"
      square
      action={
        <Button color="inherit" size="small" onClick={resetData} sx={{ whiteSpace: 'nowrap' }}>
          Reset demo data
        </Button>
      }
    >
      <strong>Demo mode</strong>: sample data, not a real SendGrid account. Changes stay in this browser.
    </Alert>
  )
}
