import { lazyPage } from '../ui/lazy-page'

/** A pool's page, loaded on demand: the pool list preloads it once on screen, so opening a pool draws it at once. */
export const PoolDetailPage = lazyPage(() => import('./pool-detail-page'))
