import DownloadIcon from '@mui/icons-material/Download'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { SearchField } from '../ui/search-field'
import type { AccountIp } from './api'
import { ipsToCsv, type IpView } from './ip-view'
import type { DeliverySummary } from '../shared/delivery'
import { download } from '../lib/download'

const NO_POOL = '\u0000no-pool'

interface IpFiltersProps {
  view: IpView
  show: (change: Partial<IpView>, options?: { replace?: boolean }) => void
  /** The pools and subusers to choose from. */
  pools: readonly string[]
  subusers: readonly string[]
  /** The rows the filters select, for the CSV. */
  rows: readonly AccountIp[]
  /** Each IP's last 7 days, where the server keeps figures: IPs needing a look can be picked out, and exported. */
  delivery: Readonly<Record<string, DeliverySummary>> | undefined
}

/** Search, pool, subuser and warmup filters, and the selected rows as CSV. */
export function IpFilters({ view, show, pools, subusers, rows, delivery }: IpFiltersProps) {
  const canFilterDelivery = delivery !== undefined
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <SearchField
        label="Search addresses"
        value={view.q}
        // Typing refines one view: it replaces the address rather than leave a step per keystroke.
        onChange={(q) => show({ q }, { replace: true })}
        hint="An address or reverse DNS name"
      />
      <TextField
        select
        label="Pool"
        value={view.noPool ? NO_POOL : (view.pool ?? '')}
        onChange={(event) =>
          show(
            event.target.value === NO_POOL
              ? { pool: null, noPool: true }
              : { pool: event.target.value || null, noPool: false },
          )
        }
        helperText=" "
        slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
        sx={{ width: { xs: '100%', sm: 220 } }}
      >
        <MenuItem value="">Any pool</MenuItem>
        <MenuItem value={NO_POOL}>In no pool</MenuItem>
        {pools.map((name) => (
          <MenuItem key={name} value={name}>
            {name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="Subuser"
        value={view.subuser ?? ''}
        onChange={(event) => show({ subuser: event.target.value || null })}
        helperText=" "
        slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
        sx={{ width: { xs: '100%', sm: 220 } }}
      >
        <MenuItem value="">Any subuser</MenuItem>
        {[...new Set([...subusers, ...(view.subuser ? [view.subuser] : [])])].map((name) => (
          <MenuItem key={name} value={name}>
            {name}
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel
        control={<Checkbox checked={view.warming} onChange={(event) => show({ warming: event.target.checked })} />}
        label="Warming up only"
        sx={{ mb: 2.5 }}
      />
      <FormControlLabel
        control={<Checkbox checked={view.flagged} onChange={(event) => show({ flagged: event.target.checked })} />}
        label="Needing a look only"
        disabled={!canFilterDelivery && !view.flagged}
        sx={{ mb: 2.5 }}
      />
      <Button
        startIcon={<DownloadIcon />}
        onClick={() => downloadCsv(rows, delivery)}
        disabled={rows.length === 0}
        sx={{ mb: 2.5 }}
      >
        Export CSV
      </Button>
    </Stack>
  )
}

function downloadCsv(rows: readonly AccountIp[], delivery: IpFiltersProps['delivery']) {
  download('ip-addresses.csv', ipsToCsv(rows, delivery), 'text/csv;charset=utf-8')
}
