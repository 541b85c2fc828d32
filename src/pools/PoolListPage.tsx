import AddIcon from '@mui/icons-material/Add'
import Button from '@mui/material/Button'
import FormControl from '@mui/material/FormControl'
import InputLabel from '@mui/material/InputLabel'
import InputAdornment from '@mui/material/InputAdornment'
import CircularProgress from '@mui/material/CircularProgress'
import Link from '@mui/material/Link'
import OutlinedInput from '@mui/material/OutlinedInput'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import SearchIcon from '@mui/icons-material/Search'
import { useQuery } from '@tanstack/react-query'
import { Suspense, lazy, useId, useMemo, useState } from 'react'
import { Link as RouterLink, useSearchParams } from 'react-router'
import { PRODUCT_NAME } from '../app/AppShell'
import { usePermission } from '../connection/permissions'
import { QueryProblem } from '../ui/QueryProblem'
import { usePreload } from '../ui/usePreload'
import { poolPath } from './paths'
import { poolQueries } from './queries'
import { MAX_POOLS, poolLimitProblem } from './rules'

const loadCreatePoolDialog = () => import('./CreatePoolDialog')
const CreatePoolDialog = lazy(loadCreatePoolDialog)

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

export function PoolListPage() {
  const pools = useQuery(poolQueries.list())
  const [params, setParams] = useSearchParams()
  const [creating, setCreating] = useState(false)
  usePreload(loadCreatePoolDialog)
  const createReasonId = useId()
  const filterId = useId()
  const filter = params.get('q') ?? ''

  const names = useMemo(() => [...(pools.data ?? [])].sort(byName.compare), [pools.data])
  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase()
    return needle ? names.filter((name) => name.toLocaleLowerCase().includes(needle)) : names
  }, [names, filter])
  const createPermission = usePermission('createPool')
  const cannotCreate = (pools.data ? poolLimitProblem(pools.data.length) : null) ?? createPermission.reason ?? null

  const setFilter = (value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (value) next.set('q', value)
        else next.delete('q')
        return next
      },
      // Typing refines one view; it should not leave a history entry per keystroke.
      { replace: true },
    )

  return (
    <Stack spacing={3}>
      <title>{`IP pools · ${PRODUCT_NAME}`}</title>
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}
      >
        <div>
          <Typography variant="h4" component="h1">
            IP pools
          </Typography>
          {pools.data && (
            <Typography color="text.secondary">
              {pools.data.length} of {MAX_POOLS} pools
            </Typography>
          )}
        </div>
        <Stack sx={{ alignItems: { xs: 'flex-start', sm: 'flex-end' } }} spacing={0.5}>
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setCreating(true)}
            disabled={!pools.data || Boolean(cannotCreate)}
            aria-describedby={cannotCreate ? createReasonId : undefined}
          >
            Create pool
          </Button>
          {cannotCreate && (
            <Typography id={createReasonId} variant="body2" color="text.secondary" sx={{ maxWidth: 320 }}>
              {cannotCreate}
            </Typography>
          )}
        </Stack>
      </Stack>

      <QueryProblem query={pools} what="the pools" />

      {pools.isPending && <CircularProgress aria-label="Loading pools" sx={{ alignSelf: 'center' }} />}

      {pools.data && (
        <>
          {/* FormControl rather than TextField: TextField brings Select, and with it menus, into the first screen. */}
          <FormControl sx={{ maxWidth: 360 }}>
            <InputLabel htmlFor={filterId}>Filter pools</InputLabel>
            <OutlinedInput
              id={filterId}
              label="Filter pools"
              type="search"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              startAdornment={
                <InputAdornment position="start">
                  <SearchIcon />
                </InputAdornment>
              }
            />
          </FormControl>
          {names.length === 0 ? (
            <Paper variant="outlined" sx={{ p: 3 }}>
              <Typography variant="h6" component="h2">
                No pools yet
              </Typography>
              <Typography color="text.secondary">
                Group your dedicated IPs into pools, such as “transactional” and “marketing”, so each kind of mail keeps
                its own reputation.
              </Typography>
            </Paper>
          ) : (
            <TableContainer component={Paper} variant="outlined">
              <Table aria-label="IP pools">
                <TableHead>
                  <TableRow>
                    <TableCell>Name</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {shown.map((name) => (
                    <TableRow key={name} hover>
                      <TableCell sx={{ overflowWrap: 'anywhere' }}>
                        <Link component={RouterLink} to={poolPath(name)}>
                          {name}
                        </Link>
                      </TableCell>
                    </TableRow>
                  ))}
                  {shown.length === 0 && (
                    <TableRow>
                      <TableCell>
                        <Typography color="text.secondary">No pool matches “{filter}”.</Typography>
                      </TableCell>
                    </TableRow>
                  )}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </>
      )}

      {creating && (
        <Suspense fallback={null}>
          <CreatePoolDialog onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </Stack>
  )
}
