import Typography from '@mui/material/Typography'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { useNotify } from '../ui/notifications'

/** Asks before the sample account is put back as it was: every change made in the demo is lost. */
export default function ResetDemoDialog({ reset, onClose }: { reset: () => void; onClose: () => void }) {
  const queryClient = useQueryClient()
  const notify = useNotify()
  const resetData = useMutation({
    mutationFn: async () => {
      reset()
      await queryClient.resetQueries()
    },
  })
  return (
    <ConfirmDialog
      title="Reset demo data"
      confirmLabel="Reset"
      destructive
      change={resetData}
      variables={undefined}
      onDone={() => {
        notify('Demo data reset')
        onClose()
      }}
      onClose={onClose}
    >
      <Typography>
        Put the sample account back as it was? Every pool, IP and change you made in this demo is lost; this cannot be
        undone.
      </Typography>
    </ConfirmDialog>
  )
}
