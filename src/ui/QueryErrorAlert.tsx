import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Button from '@mui/material/Button'
import { errorMessage } from './errorMessage'

interface QueryErrorAlertProps {
  error: unknown
  /** True when older data is still on screen: a warning rather than an error. */
  stale?: boolean
  retrying: boolean
  onRetry: () => void
  what: string
}

/** A failed read, in words, with a way to try again. */
export function QueryErrorAlert({ error, stale, retrying, onRetry, what }: QueryErrorAlertProps) {
  return (
    <Alert
      severity={stale ? 'warning' : 'error'}
      action={
        <Button color="inherit" size="small" onClick={onRetry} loading={retrying}>
          Retry
        </Button>
      }
    >
      <AlertTitle>
        {stale ? `Could not refresh ${what}; showing what was loaded before` : `Could not load ${what}`}
      </AlertTitle>
      {errorMessage(error)}
    </Alert>
  )
}
