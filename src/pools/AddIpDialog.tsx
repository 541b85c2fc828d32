import TextField from '@mui/material/TextField'
import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { useNotify } from '../app/notifications'
import { ActionDialog } from '../ui/ActionDialog'
import type { PoolDetail } from './api'
import { accountQueries, useAddIp } from './queries'
import { canonicalIp, poolIpProblem } from './ipRules'

export default function AddIpDialog({ pool, onClose }: { pool: PoolDetail; onClose: () => void }) {
  // The account's IPs make the "on the account" check and the suggestions; until they load, the server checks.
  const accountIps = useQuery(accountQueries.ips())
  const add = useAddIp()
  const notify = useNotify()
  const suggestionsId = useId()
  const [text, setText] = useState('')
  const [checked, setChecked] = useState(false)

  const inPool = pool.ips.map(({ ip }) => ip)
  const onAccount = accountIps.data?.map(({ ip }) => ip)
  const problem = poolIpProblem(text, { inPool, onAccount })
  const shownProblem = checked ? problem : null
  const available = onAccount?.filter((ip) => !inPool.includes(ip)) ?? []

  const submit = () => {
    setChecked(true)
    if (problem) return false
    add.mutate(
      { pool: pool.name, ip: canonicalIp(text) },
      {
        onSuccess: (added) => {
          notify(`${added.ip} added to “${pool.name}”`)
          onClose()
        },
      },
    )
    return true
  }

  const hint = onAccount
    ? `IPv4 or IPv6. ${available.length} of the account's ${onAccount.length} IPs are not in this pool yet.`
    : 'IPv4 or IPv6, for example 192.0.2.10.'

  return (
    <ActionDialog
      title="Add IP address"
      submitLabel="Add"
      pending={add.isPending}
      error={add.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        label="IP address"
        value={text}
        onChange={(event) => setText(event.target.value)}
        autoFocus
        required
        autoComplete="off"
        spellCheck={false}
        error={Boolean(shownProblem)}
        helperText={shownProblem ?? hint}
        slotProps={{ htmlInput: { list: suggestionsId, inputMode: 'text' } }}
      />
      <datalist id={suggestionsId}>
        {available.map((ip) => (
          <option key={ip} value={ip} />
        ))}
      </datalist>
    </ActionDialog>
  )
}
