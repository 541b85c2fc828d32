import Box from '@mui/material/Box'
import { Suspense, lazy, type ComponentProps } from 'react'
import { PANEL_LOADING_HEIGHT } from './panel-height'

/** Loaded where it is shown, with its tables and toggles: the lists that show summaries are first screens. */
const LazyPanel = lazy(() => import('./delivery-panel'))

/** A pool's or an IP's Delivery panel, its place kept while its code and its figures load. */
export function DeliveryPanel(props: ComponentProps<typeof LazyPanel>) {
  return (
    <Suspense fallback={<Box sx={{ minHeight: PANEL_LOADING_HEIGHT }} aria-busy="true" />}>
      <LazyPanel {...props} />
    </Suspense>
  )
}
