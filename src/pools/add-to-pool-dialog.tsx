import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { errorMessage } from '../lib/error-message'
import { ActionDialog } from '../ui/action-dialog'
import { useNotify } from '../ui/notifications'
import { useField } from '../ui/use-field'
import { poolQueries, useAddIps } from './queries'
import { useUndo } from './undo'
import { usePoolMembership } from './use-pool-membership'

/** From an IP's own page: adds it to a pool it is not in, chosen from the account's pools. */
export default function AddToPoolDialog({ ip, onClose }: { ip: string; onClose: () => void }) {
  const pools = useQuery(poolQueries.list())
  const add = useAddIps()
  const notify = useNotify()
  const undo = useUndo()
  const alreadyIn = new Set(usePoolMembership().poolsOf?.get(ip))
  const choices = (pools.data ?? []).filter((name) => !alreadyIn.has(name))
  const noChoice =
    pools.data && choices.length === 0
      ? pools.data.length === 0
        ? 'There is no pool yet: create one first.'
        : `${ip} is already in every pool.`
      : null
  const pool = useField('', (value) => noChoice ?? (value ? null : 'Choose the pool to add it to.'))
  // SendGrid's refusal (such as a reverse DNS record that does not validate) is said at the field.
  const [refusal, setRefusal] = useState<string | null>(null)
  const shown = noChoice ?? refusal ?? pool.shown

  const submit = () => {
    if (!pool.validate()) return false
    const target = pool.value
    setRefusal(null)
    add.mutate(
      { pool: target, ips: [ip] },
      {
        onSuccess: ([result]) => {
          if (result?.error) return setRefusal(errorMessage(result.error))
          notify(`${ip} added to “${target}”`, { undo: undo.addIp({ pool: target, ip }) })
          onClose()
        },
      },
    )
    return true
  }

  return (
    <ActionDialog
      pending={add.isPending}
      title="Add to pool"
      submitLabel="Add"
      loading={pools.isPending}
      error={add.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography>
        Add <strong>{ip}</strong> to a pool: mail sent through that pool may then go out from it, beside the pool’s
        other IPs. It stays in its other pools.
      </Typography>
      <TextField
        select
        label="Pool"
        value={pool.value}
        onChange={(event) => {
          setRefusal(null)
          pool.setValue(event.target.value)
        }}
        error={Boolean(shown)}
        helperText={shown ?? ' '}
      >
        {choices.map((name) => (
          <MenuItem key={name} value={name}>
            {name}
          </MenuItem>
        ))}
      </TextField>
    </ActionDialog>
  )
}
