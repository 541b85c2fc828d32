import { visuallyHidden } from '@mui/utils'
import { Fragment } from 'react'
import { deliveryFigures, percent, type DeliverySummary } from '../shared/delivery'

/**
 * A pool's or an IP's delivery in a list's cell: delivered share and what was sent, then each threshold crossed as a
 * flag. Plain elements styled by the list (.delivery-note, .delivery-flag): a list draws a hundred of these at once.
 */
export function DeliverySummaryCell({ summary }: { summary: DeliverySummary | undefined }) {
  if (!summary) return <span className="delivery-note">No mail sent</span>
  const figures = deliveryFigures(summary.totals)
  return (
    <>
      {figures.delivered === null ? '—' : `${percent(figures.delivered)} delivered`}
      <span className="delivery-note"> of {figures.sent.toLocaleString()} sent</span>
      {summary.flags.map((flag) => (
        <Fragment key={flag}>
          {/* Read as "… sent, Deferred 14.0 %", not as one word. */}
          <span className="delivery-hidden">, </span>
          <span className="delivery-flag">{flag}</span>
        </Fragment>
      ))}
    </>
  )
}

/** How much a summary needs a look, to sort by: more flags first, then the worse bounce and deferral. */
export function deliveryConcern(summary: DeliverySummary | undefined): number {
  if (!summary) return -1
  const figures = deliveryFigures(summary.totals)
  return summary.flags.length * 10 + (figures.bounced ?? 0) + (figures.blocked ?? 0) + (figures.deferred ?? 0)
}

/** The styles of those cells, for the table that holds them. */
export const DELIVERY_CELL_STYLES = {
  // The hidden separators are positioned: held inside the table, which scrolls inside its box on a phone, rather than
  // widening the page past the screen.
  position: 'relative',
  '& .delivery-note': { color: 'text.secondary' },
  '& .delivery-hidden': visuallyHidden,
  '& .delivery-flag': {
    display: 'block',
    width: 'fit-content',
    mt: 0.5,
    px: 1,
    py: 0.25,
    borderRadius: 1,
    fontSize: 13,
    fontWeight: 600,
    bgcolor: 'warning.light',
    color: 'common.black',
  },
} as const
