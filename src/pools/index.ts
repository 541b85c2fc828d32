/**
 * The pools feature as the app sees it: its cache keys and the navigation's count of what needs a look. Its pages
 * (the list, a pool's, an IP's) are loaded by the app itself. No other feature imports it: pools sit above them.
 */
export type { PoolDetail, PoolIp } from './api'
export { poolQueries } from './queries'
export { useNeedingALook } from './use-pool-delivery'
