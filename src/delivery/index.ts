/** Delivery statistics as other features see them: the panel a pool's or an IP's page shows, and the lists' cells. */
export { DeliveryPanel } from './delivery-panel-slot'
export { DELIVERY_CELL_STYLES, DeliverySummaryCell, deliveryConcern } from './delivery-summary'
export { deliveryQueries } from './queries'
