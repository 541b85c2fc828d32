import Button from '@mui/material/Button'
import { useState } from 'react'
import { errorMessage } from '../lib/error-message'
import { useNotify } from '../ui/notifications'

/** Downloads the account's layout as a file; its code arrives with the first click (the pool list is a first screen). */
export function ExportLayoutButton({ context = false }: { context?: boolean }) {
  const [exporting, setExporting] = useState(false)
  const notify = useNotify()
  async function exportNow() {
    setExporting(true)
    try {
      const { exportLayoutFile } = await import('./export-layout')
      notify(`Layout of ${await exportLayoutFile(context)} pools exported`)
    } catch (error) {
      notify(`The layout could not be exported: ${errorMessage(error)}`)
    } finally {
      setExporting(false)
    }
  }
  return (
    <Button variant="outlined" loading={exporting} onClick={() => void exportNow()}>
      {context ? 'Export with context' : 'Export layout'}
    </Button>
  )
}
