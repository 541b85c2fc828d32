import { useEffect } from 'react'

/**
 * Fetches a page's lazily loaded code (its dialogs) once the page is on screen and the browser is idle, so a dialog
 * opens at once, and still opens should the connection drop afterwards.
 */
export function usePreload(...loaders: (() => Promise<unknown>)[]) {
  useEffect(() => {
    const load = () => loaders.forEach((loader) => void loader().catch(() => {}))
    const id = setTimeout(load, 300)
    return () => clearTimeout(id)
    // The loaders are module-level constants; run once per page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
}
