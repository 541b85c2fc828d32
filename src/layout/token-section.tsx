import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import { visuallyHidden } from '@mui/utils'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useState } from 'react'
import { isNotServedHere } from '../lib/api-client'
import type { NewToken, TokenView } from '../shared/layout-api'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { useNotify } from '../ui/notifications'
import { QueryProblem } from '../ui/query-problem'
import { useChange } from '../ui/use-change'
import { layoutChanges, layoutQueries } from './queries'
import { whenText } from '../lib/time-format'

const TokenDialog = lazy(() => import('./token-dialog'))
const NewTokenDialog = lazy(() => import('./token-dialog').then((module) => ({ default: module.NewTokenDialog })))

const when = (iso?: string) => (iso ? whenText(iso) : '—')

/** Access tokens for a pipeline (admins only): who made each, what it may do, when it was last used; revoke one. */
export function TokenSection() {
  const tokens = useQuery(layoutQueries.tokens())
  const revoke = useChange(layoutChanges.revokeToken)
  const notify = useNotify()
  const [dialog, setDialog] = useState<'create' | { made: NewToken } | { revoke: TokenView } | null>(null)
  const close = () => setDialog(null)

  const unavailable = isNotServedHere(tokens.error)
    ? 'Access tokens are made on a dashboard server (npm run serve); this one keeps none.'
    : tokens.data?.unavailable
  if (unavailable) return <Typography color="text.secondary">{unavailable}</Typography>
  return (
    <Stack spacing={1}>
      <Typography color="text.secondary">
        A pipeline runs <code>npm run layout -- plan layout.json</code> with a token in DASHBOARD_TOKEN. A token acts as
        the admin who made it, on layouts only; its use is journalled under its name.
      </Typography>
      <div>
        <Button variant="outlined" onClick={() => setDialog('create')}>
          Create token
        </Button>
      </div>
      <QueryProblem query={tokens} what="the access tokens" />
      {tokens.data && tokens.data.tokens.length > 0 && (
        <Table size="small" aria-label="Access tokens">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>May</TableCell>
              <TableCell>Made by</TableCell>
              <TableCell>Last used</TableCell>
              <TableCell>
                <Box component="span" sx={visuallyHidden}>
                  Actions
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {tokens.data.tokens.map((token) => (
              <TableRow key={token.id}>
                <TableCell>{token.name}</TableCell>
                <TableCell>{token.scope === 'layout' ? 'Apply' : 'Read'}</TableCell>
                <TableCell>
                  {token.owner}, {when(token.createdAt)}
                </TableCell>
                <TableCell>{when(token.lastUsedAt)}</TableCell>
                <TableCell align="right">
                  {token.revokedAt ? (
                    `Revoked ${when(token.revokedAt)}`
                  ) : (
                    <Button
                      color="error"
                      size="small"
                      aria-label={`Revoke ${token.name}`}
                      onClick={() => setDialog({ revoke: token })}
                    >
                      Revoke
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {dialog && (
        <Suspense fallback={null}>
          {dialog === 'create' && <TokenDialog onMade={(made) => setDialog({ made })} onClose={close} />}
          {typeof dialog === 'object' && 'made' in dialog && <NewTokenDialog token={dialog.made} onClose={close} />}
          {typeof dialog === 'object' && 'revoke' in dialog && (
            <ConfirmDialog
              title="Revoke access token"
              confirmLabel="Revoke"
              destructive
              change={revoke}
              variables={dialog.revoke.id}
              onDone={() => {
                notify(`Token “${dialog.revoke.name}” revoked`)
                close()
              }}
              onClose={close}
            >
              <Typography>Revoke “{dialog.revoke.name}”? Whatever uses it is refused from its next request.</Typography>
            </ConfirmDialog>
          )}
        </Suspense>
      )}
    </Stack>
  )
}
