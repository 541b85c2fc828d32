/** The activity feature as other features see it: a pool's recent changes (the Activity page is the app's to load). */
export { default as RecentActivity } from './recent-activity'
