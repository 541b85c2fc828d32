/** Alerts: rules read against the delivery figures, incidents, the channels they go to. */
export { IncidentBanner } from './incident-banner'
export { alertQueries } from './queries'
