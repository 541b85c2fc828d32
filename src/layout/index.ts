/** The pool layout as a file: its page is loaded by the app; the pool list offers its export and says its drift. */
import { lazy } from 'react'

export { ExportLayoutButton } from './export-button'
/** Loaded once the pool list has drawn: it reads the whole account on the server. */
export const DriftNotice = lazy(() => import('./drift-notice'))
