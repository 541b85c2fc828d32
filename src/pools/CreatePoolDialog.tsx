import TextField from '@mui/material/TextField'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useNotify } from '../ui/notifications'
import { ActionDialog } from '../ui/ActionDialog'
import { poolQueries, useCreatePool } from './queries'
import { isNameRefusal, localNameProblem, sentNameProblem } from './nameField'
import { POOL_NAME_MAX_LENGTH, POOL_NAME_MIN_LENGTH, poolLimitProblem } from './rules'

export default function CreatePoolDialog({ onClose }: { onClose: () => void }) {
  const pools = useQuery(poolQueries.list())
  const create = useCreatePool()
  const notify = useNotify()
  const [name, setName] = useState('')
  const [checked, setChecked] = useState(false)

  const names = pools.data ?? []
  const problem = poolLimitProblem(names.length) ?? localNameProblem(name, names)
  // SendGrid's refusal of the name goes under the field; any other failure above the buttons.
  const refusedName = sentNameProblem(create.error, create.variables, name)
  const shownProblem = (checked ? problem : null) ?? refusedName

  const submit = () => {
    setChecked(true)
    if (problem) return false
    create.mutate(name, {
      onSuccess: (created) => {
        notify(`Pool “${created}” created`)
        onClose()
      },
    })
    return true
  }

  return (
    <ActionDialog
      title="Create pool"
      submitLabel="Create"
      pending={create.isPending}
      error={isNameRefusal(create.error) ? undefined : create.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        label="Pool name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        autoFocus
        required
        autoComplete="off"
        error={Boolean(shownProblem)}
        helperText={
          shownProblem ?? `${POOL_NAME_MIN_LENGTH} to ${POOL_NAME_MAX_LENGTH} characters, for example “marketing”.`
        }
      />
    </ActionDialog>
  )
}
