import Alert from '@mui/material/Alert'
import Link from '@mui/material/Link'
import TextField from '@mui/material/TextField'
import { useQuery } from '@tanstack/react-query'
import { Fragment, useState } from 'react'
import { Link as RouterLink } from 'react-router'
import { ActionDialog } from '../ui/action-dialog'
import { checkPoolName, type NameCheck, type NameSource } from './name-check'
import { poolPath } from '../shared/app-paths'
import { poolQueries } from './queries'

const WHERE: Record<NameSource, string> = {
  name: 'The name',
  'mail-send': 'The Mail Send body names',
  'smtp-header': 'The X-SMTPAPI header names',
}

/** Whether mail naming a pool would go through it: SendGrid ignores a pool name it does not know, without a word. */
export default function CheckPoolNameDialog({ onClose }: { onClose: () => void }) {
  const pools = useQuery(poolQueries.list())
  const [text, setText] = useState('')
  const [result, setResult] = useState<NameCheck | null>(null)

  const submit = () => {
    if (pools.data) setResult(checkPoolName(text, pools.data))
    return false // nothing is sent: the answer shows below the field
  }

  return (
    <ActionDialog
      title="Check a pool name"
      submitLabel="Check"
      cancelLabel="Close"
      loading={!pools.data}
      error={pools.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        label="Pool name, Mail Send JSON or X-SMTPAPI header"
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setResult(null)
        }}
        multiline
        minRows={3}
        autoFocus
        autoComplete="off"
        slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
        error={result?.kind === 'empty' || result?.kind === 'no-name'}
        helperText={result?.kind === 'empty' ? 'Paste a pool name, a Mail Send body or an X-SMTPAPI header.' : ' '}
      />
      <div role="status">{result && result.kind !== 'empty' && <Verdict result={result} onPick={onClose} />}</div>
    </ActionDialog>
  )
}

function Verdict({ result, onPick }: { result: Exclude<NameCheck, { kind: 'empty' }>; onPick: () => void }) {
  const link = (pool: string) => (
    <Link component={RouterLink} to={poolPath(pool)} onClick={onPick}>
      {pool}
    </Link>
  )
  if (result.kind === 'no-name') {
    return (
      <Alert severity="warning">
        {result.unreadable
          ? 'This could not be read as JSON.'
          : result.source === 'smtp-header'
            ? 'This header names no pool (no "ip_pool").'
            : 'This JSON names no pool (no "ip_pool_name").'}{' '}
        Mail that names no pool goes out through the account&apos;s IPs outside any pool.
      </Alert>
    )
  }
  if (result.kind === 'match') {
    return (
      <Alert severity="success">
        {WHERE[result.source]} “{result.name}”, which matches the pool {link(result.name)} exactly: mail naming it goes
        out through that pool&apos;s IPs.
      </Alert>
    )
  }
  return (
    <Alert severity="error">
      {WHERE[result.source]} “<span style={{ whiteSpace: 'pre-wrap' }}>{result.name}</span>”, and no pool has exactly
      that name. SendGrid ignores it without a word and sends the mail through other IPs.
      {result.closest.length > 0 && (
        <>
          {' '}
          Did you mean{' '}
          {result.closest.map((closest, i) => (
            <Fragment key={closest.pool}>
              {i > 0 && (i === result.closest.length - 1 ? ' or ' : ', ')}
              {link(closest.pool)}
              {closest.differs && ` (differs in ${closest.differs})`}
            </Fragment>
          ))}
          ?
        </>
      )}
    </Alert>
  )
}
