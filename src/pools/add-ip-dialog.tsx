import Alert from '@mui/material/Alert'
import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete'
import Box from '@mui/material/Box'
import TextField from '@mui/material/TextField'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useNotify } from '../ui/notifications'
import { ActionDialog } from '../ui/action-dialog'
import { useField } from '../ui/use-field'
import type { PoolDetail } from './api'
import { summariseAdds, type AddSummary } from './bulk-messages'
import {
  addressSet,
  canonicalIp,
  ipAddressProblem,
  ipQueries,
  ipsWithoutValidRdns,
  poolIpProblem,
  type AccountIp,
} from '../ips'
import { useAddIps } from './queries'

/** Only so many suggestions at a time: an account may have thousands of IPs. */
const SUGGESTIONS = 50

/** What the field holds: addresses made chips, and text not yet made one. */
interface Entry {
  chosen: string[]
  typed: string
}

/** Pick IPs from the account, or type them; several at once, each one's result reported. */
export default function AddIpDialog({ pool, onClose }: { pool: PoolDetail; onClose: () => void }) {
  // The account's IPs make the suggestions and the "on the account" check; until they load, the server checks.
  const accountIps = useQuery(ipQueries.list())
  // Pools take only IPs with a valid reverse DNS record; until the records load, the server checks.
  const reverseDns = useQuery(ipQueries.reverseDns())
  const add = useAddIps()
  const notify = useNotify()
  const [report, setReport] = useState<AddSummary | null>(null)

  // Built once per data, not per keystroke: an account may have thousands of IPs.
  const inPool = useMemo(() => addressSet(pool.ips.map(({ ip }) => ip)), [pool.ips])
  const byIp = useMemo(() => new Map((accountIps.data ?? []).map((ip) => [ip.ip, ip])), [accountIps.data])
  const onAccount = useMemo(() => accountIps.data && addressSet(byIp.keys()), [accountIps.data, byIp])
  const withoutValidRdns = useMemo(
    () => reverseDns.data && addressSet(ipsWithoutValidRdns([...byIp.values()], reverseDns.data)),
    [reverseDns.data, byIp],
  )
  const suggestions = useMemo(() => [...byIp.keys()].filter((ip) => !inPool.has(canonicalIp(ip))), [byIp, inPool])
  const filter = useMemo(
    () => createFilterOptions<string>({ limit: SUGGESTIONS, stringify: (ip) => `${ip} ${byIp.get(ip)?.rdns ?? ''}` }),
    [byIp],
  )

  // Text typed but not yet made a chip counts too, so "type, then Add" does what it says.
  // One spelling per address before duplicates go: 2001:db8::1 and 2001:DB8::1 are one IP, sent once.
  const spelling = (text: string) => (ipAddressProblem(text) ? text : canonicalIp(text))
  const toSend = ({ chosen, typed }: Entry) => [
    ...new Set([...chosen, ...(typed.trim() ? [typed.trim()] : [])].map(spelling)),
  ]
  const problemsOf = (ips: readonly string[]) =>
    ips.flatMap((ip) => {
      const problem = poolIpProblem(ip, { inPool, onAccount, withoutValidRdns })
      return problem ? [problem] : []
    })
  const entry = useField<Entry>({ chosen: [], typed: '' }, (value) => {
    const ips = toSend(value)
    return ips.length === 0 ? 'Choose or type at least one IP address.' : problemsOf(ips).join(' ') || null
  })
  const { chosen, typed } = entry.value
  // Functional updates: choosing a suggestion changes the chips and the text in one event.
  const setChosen = (next: string[]) => entry.setValue((value) => ({ ...value, chosen: next }))
  // A chosen chip's problem shows at once; text still being typed (a search, perhaps) is judged only on sending.
  const shownProblem = entry.shown ?? (problemsOf(chosen).join(' ') || null)

  const submit = () => {
    if (!entry.validate()) return false
    const ips = toSend(entry.value).map(canonicalIp)
    add.mutate(
      { pool: pool.name, ips },
      {
        onSuccess: (results) => {
          const summary = summariseAdds(pool.name, results)
          if (summary.failed.length === 0) {
            notify(summary.message)
            onClose()
            return
          }
          // Keep only what did not go in, to fix or try again.
          setReport(summary)
          entry.setValue({ chosen: summary.failed.map(({ ip }) => ip), typed: '' })
        },
      },
    )
    return true
  }

  const hint = onAccount
    ? `Pick from the ${suggestions.length} account IPs not in this pool, or type IPv4 or IPv6 addresses; several at once.`
    : 'Type IPv4 or IPv6 addresses, for example 192.0.2.10; several at once.'

  return (
    <ActionDialog
      pending={add.isPending}
      title="Add IP address"
      submitLabel="Add"
      error={add.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Autocomplete
        multiple
        freeSolo
        options={suggestions}
        filterOptions={filter}
        value={chosen}
        onChange={(_, values) => setChosen([...new Set(values.map((value) => value.trim()).filter(Boolean))])}
        inputValue={typed}
        onInputChange={(_, value, reason) =>
          reason !== 'reset' && entry.setValue((entered) => ({ ...entered, typed: value }))
        }
        renderOption={({ key, ...props }, ip) => (
          <SuggestedIp
            key={key}
            props={props}
            ip={byIp.get(ip)}
            address={ip}
            noValidRdns={withoutValidRdns?.has(ip) ?? false}
          />
        )}
        renderInput={(params) => (
          <TextField
            {...params}
            label="IP address"
            autoFocus
            error={Boolean(shownProblem)}
            helperText={shownProblem ?? hint}
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, spellCheck: false } }}
          />
        )}
        slotProps={{
          chip: { size: 'small' },
        }}
        getOptionKey={(ip) => ip}
        isOptionEqualToValue={(option, value) =>
          option === value || (!ipAddressProblem(value) && canonicalIp(value) === option)
        }
      />
      {report && (
        <Alert severity="warning">
          {report.message}
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {report.failed.map(({ ip, reason }) => (
              <li key={ip}>
                {ip}: {reason}
              </li>
            ))}
          </Box>
        </Alert>
      )}
    </ActionDialog>
  )
}

function SuggestedIp({
  props,
  ip,
  address,
  noValidRdns,
}: {
  props: React.HTMLAttributes<HTMLLIElement>
  ip?: AccountIp
  address: string
  noValidRdns: boolean
}) {
  return (
    <li {...props}>
      <Box sx={{ display: 'flex', flexDirection: 'column' }}>
        <Box component="span" sx={{ fontFamily: 'monospace' }}>
          {address}
        </Box>
        <Box component="span" sx={{ fontSize: 13, color: 'text.secondary' }}>
          {[
            noValidRdns ? 'no valid reverse DNS: cannot be pooled' : ip?.rdns,
            ip?.warmup ? 'warming up' : null,
            ip?.pools.length ? `in ${ip.pools.join(', ')}` : 'in no pool',
          ]
            .filter(Boolean)
            .join(' · ')}
        </Box>
      </Box>
    </li>
  )
}
