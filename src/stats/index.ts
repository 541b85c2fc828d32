/** Delivery statistics as other features see them: the panel a pool's or an IP's page shows, and the lists' cells. */
import { lazy } from 'react'

/** Loaded where it is shown, with its tables and toggles: the lists that show summaries are first screens. */
export const DeliveryPanel = lazy(() => import('./delivery-panel'))
export { DELIVERY_CELL_STYLES, DeliverySummaryCell, deliveryConcern } from './delivery-summary'
export { statsQueries } from './queries'
