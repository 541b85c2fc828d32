import TextField from '@mui/material/TextField'
import { useQuery } from '@tanstack/react-query'
import { ActionDialog } from '../ui/action-dialog'
import { useNotify } from '../ui/notifications'
import { useField } from '../ui/use-field'
import { isNameRefusal, localNameProblem, refusedNameProblem } from './name-field'
import { poolQueries, useCreatePool } from './queries'
import { POOL_NAME_MAX_LENGTH, POOL_NAME_MIN_LENGTH, poolLimitProblem } from '../shared/pool-names'

export default function CreatePoolDialog({ onClose }: { onClose: () => void }) {
  const pools = useQuery(poolQueries.list())
  const create = useCreatePool()
  const notify = useNotify()
  const names = pools.data ?? []
  const name = useField('', (value) => poolLimitProblem(names.length) ?? localNameProblem(value, names))

  const submit = () => {
    if (!name.validate()) return false
    const sent = name.value
    create.mutate(sent, {
      onSuccess: (created) => {
        notify(`Pool “${created}” created`)
        onClose()
      },
      // SendGrid's refusal of the name goes under the field; any other failure above the buttons.
      onError: (error) => {
        const refusal = refusedNameProblem(error, sent)
        if (refusal) name.refuse(sent, refusal)
      },
    })
    return true
  }

  return (
    <ActionDialog
      pending={create.isPending}
      title="Create pool"
      submitLabel="Create"
      error={isNameRefusal(create.error) ? undefined : create.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        label="Pool name"
        value={name.value}
        onChange={(event) => name.setValue(event.target.value)}
        autoFocus
        required
        autoComplete="off"
        error={Boolean(name.shown)}
        helperText={
          name.shown ?? `${POOL_NAME_MIN_LENGTH} to ${POOL_NAME_MAX_LENGTH} characters, for example “marketing”.`
        }
      />
    </ActionDialog>
  )
}
