import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { LineChart, type LineSeries } from '@mui/x-charts/LineChart'
import { useId, useState } from 'react'
import { deliveryFigures, type DeliveryStats, type DeliveryFigures } from '../shared/delivery'
import { lazily } from '../lib/lazily'

const timeFormat = lazily(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' }))
const dayFormat = lazily(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }))
const timeZone = lazily(() => Intl.DateTimeFormat().resolvedOptions().timeZone)

type Share = Exclude<keyof DeliveryFigures, 'sent' | 'spamPerThousand'>

/**
 * The figures over the range, as shares of what was sent in each hour (or day): delivered on a chart of its own, and
 * the problems on another at their own scale, where a line at 2 % is not flattened against one at 98 %. The last
 * point is the hour or day under way, and says so.
 */
export default function DeliveryChart({ stats }: { stats: DeliveryStats }) {
  const starts = stats.series.map((point) => new Date(point.start))
  const figures = stats.series.map((point) => deliveryFigures(point.totals))
  const bucket = stats.range === '30d' ? 'day' : 'hour'
  const format = bucket === 'day' ? dayFormat() : timeFormat()
  const last = starts.at(-1)?.getTime()
  // When the figures were drawn: whether the last point's hour or day is still under way.
  const [now] = useState(() => Date.now())
  const current = last !== undefined && now - last < (bucket === 'day' ? 24 : 1) * 3600 * 1000
  const label = (value: Date) =>
    `${format.format(value)}${current && value.getTime() === last ? ` (this ${bucket}, so far)` : ''}`
  const line = (name: string, share: Share): LineSeries => ({
    label: name,
    data: figures.map((one) => (one[share] === null ? null : one[share] * 100)),
    showMark: false,
    valueFormatter: (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} %`),
  })
  return (
    <Stack spacing={1}>
      <Chart
        title="Delivered, % of messages sent"
        xAxis={{ data: starts, label }}
        series={[line('Delivered', 'delivered')]}
      />
      <Chart
        title="Deferred, bounced and blocked, % of messages sent"
        xAxis={{ data: starts, label }}
        series={[line('Deferred', 'deferred'), line('Bounced', 'bounced'), line('Blocked', 'blocked')]}
      />
      <Typography variant="caption" color="text.secondary">
        Each point is one {bucket}, in {timeZone()} time
        {current && `; the last is the ${bucket} under way, still being counted`}.
      </Typography>
    </Stack>
  )
}

function Chart({
  title,
  xAxis,
  series,
}: {
  title: string
  xAxis: { data: Date[]; label: (value: Date) => string }
  series: LineSeries[]
}) {
  const titleId = useId()
  return (
    <figure style={{ margin: 0 }} aria-labelledby={titleId}>
      <Typography id={titleId} component="figcaption" variant="subtitle2">
        {title}
      </Typography>
      <LineChart
        height={200}
        xAxis={[{ data: xAxis.data, scaleType: 'time', valueFormatter: xAxis.label }]}
        yAxis={[{ width: 56, min: 0, valueFormatter: (value: number) => `${value} %` }]}
        series={series}
      />
    </figure>
  )
}
