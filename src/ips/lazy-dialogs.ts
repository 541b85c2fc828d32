/**
 * The IPs' dialogs other features open, loaded when first opened. In a file of their own rather than the entry: an
 * entry with a call at its top is kept whole, and every file it re-exports with it, wherever it is imported.
 */
import { lazy } from 'react'

export const WarmupDialog = lazy(() => import('./warmup-dialog'))
