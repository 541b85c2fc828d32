/**
 * The floor for the first pool row: the same stack (React, MUI, React Query) and nothing else, reading the pool list
 * through the same production server. `npm run bench` times the dashboard's first row against this one's.
 */
import CssBaseline from '@mui/material/CssBaseline'
import { ThemeProvider, createTheme } from '@mui/material/styles'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { createRoot } from 'react-dom/client'

function Pools() {
  const pools = useQuery({
    queryKey: ['pools'],
    queryFn: async () => (await (await fetch('/v3/ips/pools')).json()) as { name: string }[],
  })
  return (
    <Table aria-label="IP pools">
      <TableHead>
        <TableRow>
          <TableCell>Pool</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {(pools.data ?? []).map((pool) => (
          <TableRow key={pool.name}>
            <TableCell>{pool.name}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

createRoot(document.getElementById('root')!).render(
  <ThemeProvider theme={createTheme()}>
    <CssBaseline />
    <QueryClientProvider client={new QueryClient()}>
      <Pools />
    </QueryClientProvider>
  </ThemeProvider>,
)
