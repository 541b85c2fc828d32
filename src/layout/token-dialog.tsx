import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormLabel from '@mui/material/FormLabel'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import TextField from '@mui/material/TextField'
import { useId, useState } from 'react'
import { tokenProblem, type NewToken, type TokenScope } from '../shared/layout-api'
import { ActionDialog } from '../ui/action-dialog'
import { useChange } from '../ui/use-change'
import { layoutChanges } from './queries'

/** Makes an access token for a pipeline: a name for where it is used, and what it may do. */
export default function TokenDialog({ onMade, onClose }: { onMade: (token: NewToken) => void; onClose: () => void }) {
  const create = useChange(layoutChanges.createToken)
  const [name, setName] = useState('')
  const [scope, setScope] = useState<TokenScope>('read')
  const [tried, setTried] = useState(false)
  const problem = tokenProblem({ name, scope })
  const scopeLabel = useId()
  return (
    <ActionDialog
      title="Create access token"
      submitLabel="Create"
      pending={create.isPending}
      error={create.error}
      onSubmit={() => {
        setTried(true)
        if (problem) return false
        create.mutate({ name: name.trim(), scope }, { onSuccess: onMade })
        return true
      }}
      onClose={onClose}
    >
      <TextField
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
        autoFocus
        autoComplete="off"
        error={tried && problem?.field === 'name'}
        helperText={tried && problem?.field === 'name' ? problem.message : 'Where it is used, say “deploy pipeline”'}
      />
      <FormControl>
        <FormLabel id={scopeLabel}>It may</FormLabel>
        <RadioGroup
          aria-labelledby={scopeLabel}
          value={scope}
          onChange={(event) => setScope(event.target.value as TokenScope)}
        >
          <FormControlLabel
            value="read"
            control={<Radio />}
            label="Read: export, plan and see drift (for pull requests)"
          />
          <FormControlLabel value="layout" control={<Radio />} label="Apply: also apply and undo layouts, as you" />
        </RadioGroup>
      </FormControl>
    </ActionDialog>
  )
}

/** The token made, shown this once: the server keeps only its hash. */
export function NewTokenDialog({ token, onClose }: { token: NewToken; onClose: () => void }) {
  const [copied, setCopied] = useState(false)
  const titleId = useId()
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>Token “{token.name}” created</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          Copy it now: it is shown this once. Keep it as a secret of your pipeline (DASHBOARD_TOKEN).
        </Alert>
        <TextField
          label="Access token"
          value={token.token}
          fullWidth
          slotProps={{ htmlInput: { readOnly: true, style: { fontFamily: 'monospace' } } }}
          onFocus={(event) => event.target.select()}
        />
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={() => void navigator.clipboard?.writeText(token.token).then(() => setCopied(true))}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button variant="contained" onClick={onClose} autoFocus>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  )
}
