/** Delivery statistics as other features see them: the panel a pool's page (or an IP's) shows. */
export { DeliveryPanel } from './delivery-panel'
