import { LineChart } from '@mui/x-charts/LineChart'
import type { DeliveryStats } from '../shared/delivery'
import { lazily } from '../lib/lazily'

const timeFormat = lazily(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' }))
const dayFormat = lazily(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }))

/** Delivered, deferred, bounced and blocked over the range; the figures beside it say the same in words. */
export default function DeliveryChart({ stats }: { stats: DeliveryStats }) {
  const starts = stats.series.map((point) => new Date(point.start))
  const format = stats.range === '30d' ? dayFormat() : timeFormat()
  return (
    <LineChart
      height={260}
      xAxis={[{ data: starts, scaleType: 'time', valueFormatter: (value: Date) => format.format(value) }]}
      series={[
        { label: 'Delivered', data: stats.series.map((point) => point.totals.delivered), showMark: false },
        { label: 'Deferred', data: stats.series.map((point) => point.totals.deferred), showMark: false },
        { label: 'Bounced', data: stats.series.map((point) => point.totals.bounce), showMark: false },
        { label: 'Blocked', data: stats.series.map((point) => point.totals.blocked), showMark: false },
      ]}
    />
  )
}
