import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import {
  FIGURES_ADD_UP,
  FIGURE_DEFINITIONS,
  THRESHOLDS,
  THRESHOLD_SOURCES,
  deliveryFigures,
  deliveryFlags,
  percent,
  type ProviderTotals,
  type Totals,
} from '../shared/delivery'

/**
 * A pool's or an IP's figures, each with what it is a share of and where it starts to need a look; then how the shares
 * add up, and where each threshold comes from.
 */
export function Figures({ totals, providers }: { totals: Totals; providers: ProviderTotals }) {
  const figures = deliveryFigures(totals)
  const flags = deliveryFlags(totals, providers)
  const rate = (value: number | null) => (value === null ? '—' : percent(value))
  const over = (threshold: number) => `Needs a look over ${percent(threshold, threshold < 0.01 ? 1 : 0)}`
  // The shares that add up first, then the two read apart; each with what it is, and where a flag begins.
  const shares: Figure[] = [
    { label: 'Sent', value: figures.sent.toLocaleString(), says: FIGURE_DEFINITIONS.sent },
    { label: 'Delivered', value: rate(figures.delivered), says: FIGURE_DEFINITIONS.delivered },
    {
      label: 'Bounced',
      value: rate(figures.bounced),
      says: FIGURE_DEFINITIONS.bounced,
      limit: `${over(THRESHOLDS.bounced)}, with blocked`,
    },
    { label: 'Blocked', value: rate(figures.blocked), says: FIGURE_DEFINITIONS.blocked },
    { label: 'Dropped', value: rate(figures.dropped), says: FIGURE_DEFINITIONS.dropped },
    { label: 'In flight', value: rate(figures.inFlight), says: FIGURE_DEFINITIONS.inFlight },
  ]
  const apart: Figure[] = [
    {
      label: 'Deferred',
      value: rate(figures.deferred),
      says: FIGURE_DEFINITIONS.deferred,
      limit: over(THRESHOLDS.deferred),
    },
    {
      label: 'Spam reports per 1,000 delivered',
      value: figures.spamPerThousand === null ? '—' : figures.spamPerThousand.toFixed(2),
      says: FIGURE_DEFINITIONS.spam,
      limit: `Needs a look over ${(THRESHOLDS.spam * 1000).toFixed(0)}`,
    },
  ]
  return (
    <>
      {flags.length > 0 && <Alert severity="warning">Needs a look: {flags.join(', ')}.</Alert>}
      <FigureList figures={shares} />
      <FigureList figures={apart} />
      <Typography variant="body2" color="text.secondary" component="div">
        {FIGURES_ADD_UP} Where a flag begins, and why:
        <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
          {Object.values(THRESHOLD_SOURCES).map((source) => (
            <li key={source}>{source}</li>
          ))}
        </Box>
      </Typography>
    </>
  )
}

interface Figure {
  label: string
  value: string
  /** What it is a share of, or counts. */
  says: string
  /** Where it starts to need a look. */
  limit?: string
}

function FigureList({ figures }: { figures: Figure[] }) {
  return (
    <Stack component="dl" direction="row" sx={{ flexWrap: 'wrap', gap: 3, m: 0 }}>
      {figures.map(({ label, value, says, limit }) => (
        <Box key={label} sx={{ maxWidth: 190 }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {label}
          </Typography>
          <Typography component="dd" sx={{ m: 0 }}>
            <Typography component="span" variant="h6" sx={{ display: 'block' }}>
              {value}
            </Typography>
            <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
              {says}
              {limit && ` ${limit}.`}
            </Typography>
          </Typography>
        </Box>
      ))}
    </Stack>
  )
}
