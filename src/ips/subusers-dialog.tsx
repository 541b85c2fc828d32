import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormGroup from '@mui/material/FormGroup'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useNotify } from '../ui/notifications'
import type { AccountIp } from './api'
import { useChange } from '../ui/use-change'
import { ipChanges, ipQueries } from './queries'
import { ActionDialog } from '../ui/action-dialog'

/** Which subusers send from an IP: each one's whole list is read, changed by this IP and written back. */
export default function SubusersDialog({ ip, onClose }: { ip: AccountIp; onClose: () => void }) {
  const subusers = useQuery(ipQueries.subusers())
  const inventory = useQuery(ipQueries.list())
  const save = useChange(ipChanges.setSubusers)
  const notify = useNotify()
  const [serves, setServes] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(ip.subusers.map((name) => [name, true])),
  )

  const submit = () => {
    if (!subusers.data || !inventory.data) return false
    const wanted = Object.fromEntries(subusers.data.map((name) => [name, Boolean(serves[name])]))
    save.mutate(
      { ip: ip.ip, serves: wanted, seen: inventory.data },
      {
        onSuccess: (changed) => {
          notify(changed === 0 ? `No change to the subusers of ${ip.ip}` : `Subusers of ${ip.ip} saved`)
          onClose()
        },
      },
    )
    return true
  }

  return (
    <ActionDialog
      pending={save.isPending}
      title={`Subusers of ${ip.ip}`}
      submitLabel="Save"
      loading={!subusers.data || !inventory.data}
      error={save.error ?? subusers.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography>
        Subusers send from the IPs they are given. SendGrid replaces a subuser&apos;s whole list at once, so each list
        is read again and saved only if nobody changed it in the meantime.
      </Typography>
      {subusers.data && subusers.data.length === 0 && <Typography>This account has no subusers.</Typography>}
      <FormGroup aria-label="Subusers">
        {(subusers.data ?? []).map((name) => (
          <FormControlLabel
            key={name}
            label={name}
            control={
              <Checkbox
                checked={Boolean(serves[name])}
                onChange={(event) => setServes((current) => ({ ...current, [name]: event.target.checked }))}
              />
            }
          />
        ))}
      </FormGroup>
    </ActionDialog>
  )
}
