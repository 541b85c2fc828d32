import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Button from '@mui/material/Button'
import type { FallbackProps } from 'react-error-boundary'
import { errorMessage } from '../lib/error-message'

/** A crash inside a page: say so in words, keep the app bar, offer a way out. */
export function PageError({ error, resetErrorBoundary }: FallbackProps) {
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={resetErrorBoundary}>
          Try again
        </Button>
      }
    >
      <AlertTitle>Something went wrong on this page</AlertTitle>
      {errorMessage(error)}
    </Alert>
  )
}
