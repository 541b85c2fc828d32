import TextField from '@mui/material/TextField'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useNotify } from '../app/notifications'
import { ActionDialog } from '../ui/ActionDialog'
import { poolQueries, useCreatePool } from './queries'
import { POOL_NAME_MAX_LENGTH, POOL_NAME_MIN_LENGTH, poolLimitProblem, poolNameProblem } from './rules'

export default function CreatePoolDialog({ onClose }: { onClose: () => void }) {
  const pools = useQuery(poolQueries.list())
  const create = useCreatePool()
  const notify = useNotify()
  const [name, setName] = useState('')
  const [checked, setChecked] = useState(false)

  const names = pools.data ?? []
  const problem = poolLimitProblem(names.length) ?? poolNameProblem(name, names)
  const shownProblem = checked ? problem : null

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
      error={create.error}
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
