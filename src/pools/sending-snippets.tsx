import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useId } from 'react'
import { useNotify } from '../ui/notifications'

/** Header values should be ASCII: non-ASCII letters in a pool name are written as JSON \u escapes. */
export function smtpApiHeader(pool: string): string {
  const json = JSON.stringify({ ip_pool: pool }).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return `X-SMTPAPI: ${json}`
}

export function mailSendField(pool: string): string {
  return `"ip_pool_name": ${JSON.stringify(pool)}`
}

/** How mail selects this pool, ready to copy: senders name it in each message. */
export function SendingSnippets({ pool }: { pool: string }) {
  const headingId = useId()
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography id={headingId} variant="h6" component="h2" sx={{ mb: 1 }}>
        Send mail through this pool
      </Typography>
      <Stack spacing={2}>
        <Snippet label="Mail Send API (v3), in the request body" code={mailSendField(pool)} />
        <Snippet label="SMTP, as a message header" code={smtpApiHeader(pool)} />
      </Stack>
    </Box>
  )
}

function Snippet({ label, code }: { label: string; code: string }) {
  const notify = useNotify()
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code)
      notify('Copied')
    } catch {
      notify('Could not copy: select the text and copy it instead.')
    }
  }
  return (
    <div>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Box
          component="code"
          sx={{ fontFamily: 'monospace', p: 1, borderRadius: 1, bgcolor: 'action.hover', overflowWrap: 'anywhere' }}
        >
          {code}
        </Box>
        <Button size="small" startIcon={<ContentCopyIcon />} onClick={copy} aria-label={`Copy: ${label}`}>
          Copy
        </Button>
      </Box>
    </div>
  )
}
