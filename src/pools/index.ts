/**
 * The pools feature as other features see it: a pool's address, its links, and its cache keys. Its pages and dialogs
 * are loaded by the app itself.
 */
export type { PoolDetail, PoolIp } from './api'
export { poolNameFromPath, poolPath } from './paths'
export { PoolLinks } from './pool-links'
export { poolQueries } from './queries'
