import Alert from '@mui/material/Alert'
import TextField from '@mui/material/TextField'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { useNotify } from '../ui/notifications'
import { ActionDialog } from '../ui/ActionDialog'
import { poolPath } from './paths'
import { poolQueries, useRenamePool } from './queries'
import { isNameRefusal, localNameProblem, sentNameProblem } from './nameField'

export default function RenamePoolDialog({ name, onClose }: { name: string; onClose: () => void }) {
  const pools = useQuery(poolQueries.list())
  const rename = useRenamePool()
  const notify = useNotify()
  const navigate = useNavigate()
  const [newName, setNewName] = useState(name)
  const [checked, setChecked] = useState(false)

  const others = (pools.data ?? []).filter((other) => other !== name)
  const problem = newName === name ? 'Enter a new name for the pool.' : localNameProblem(newName, others)
  // SendGrid's refusal of the name goes under the field; any other failure above the buttons.
  const refusedName = sentNameProblem(rename.error, rename.variables?.newName, newName)
  const shownProblem = (checked ? problem : null) ?? refusedName

  const submit = () => {
    setChecked(true)
    if (problem) return false
    rename.mutate(
      { name, newName },
      {
        onSuccess: (renamed) => {
          notify(`Pool “${name}” renamed to “${renamed}”`)
          // Replace, not push: the old address names a pool that no longer exists.
          void navigate(poolPath(renamed), { replace: true })
          onClose()
        },
      },
    )
    return true
  }

  return (
    <ActionDialog
      title="Rename pool"
      submitLabel="Save"
      pending={rename.isPending}
      error={isNameRefusal(rename.error) ? undefined : rename.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        label="Pool name"
        value={newName}
        onChange={(event) => setNewName(event.target.value)}
        autoFocus
        required
        autoComplete="off"
        onFocus={(event) => event.target.select()}
        error={Boolean(shownProblem)}
        helperText={shownProblem ?? ' '}
      />
      <Alert severity="warning" role="note">
        Mail is sent through a pool by its name. Mail that still names “{name}” (as <code>ip_pool_name</code> or in the
        SMTP API header) will no longer go out through this pool: update your senders to the new name.
      </Alert>
    </ActionDialog>
  )
}
