/**
 * The pools feature as other features see it: a pool's address, its links, its cache keys, and the dialogs that take
 * an IP into or out of a pool (loaded when opened). Its pages are loaded by the app itself.
 */
import { lazy } from 'react'

export type { PoolDetail, PoolIp } from './api'
export { poolPath } from './paths'
export { PoolLinks } from './pool-links'
export { poolQueries } from './queries'
export const AddToPoolDialog = lazy(() => import('./add-to-pool-dialog'))
export const MoveIpDialog = lazy(() => import('./move-ip-dialog'))
export const RemoveIpDialog = lazy(() => import('./remove-ip-dialog'))
export { useNeedingALook } from './use-pool-delivery'
