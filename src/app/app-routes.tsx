import { Navigate, Route, Routes, matchPath } from 'react-router'
import { PoolDetailPage } from '../pools/pages'
import { PoolListPage } from '../pools/pool-list-page'
import { AppShell } from './app-shell'
import { lazyPage } from '../ui/lazy-page'
import { NotFoundPage } from '../ui/not-found-page'

/** The pages loaded when first needed, like every dialog: most visits start at the pools. */
const PAGES_LOADED_LATER = [
  { path: 'pools/:name', Page: PoolDetailPage },
  { path: 'ips', Page: lazyPage(() => import('../ips/ips-page')) },
  { path: 'ips/:ip', Page: lazyPage(() => import('../pools/ip-page')) },
  { path: 'alerts', Page: lazyPage(() => import('../alerts/alerts-page')) },
  { path: 'layout', Page: lazyPage(() => import('../layout/layout-page')) },
  { path: 'activity', Page: lazyPage(() => import('../activity/activity-page')) },
  { path: 'sessions', Page: lazyPage(() => import('../connection/sessions-page')) },
]

/** Loads the code of the page at `pathname` if it is one loaded later: the app starts with it (see lazyPage). */
export function preloadPageAt(pathname: string): Promise<void> | undefined {
  return PAGES_LOADED_LATER.find(({ path }) => matchPath(`/${path}`, pathname))?.Page.preload()
}

/** Every address the app answers. Declarative routes: the data router costs ~17 KB gzip that nothing here uses. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to="/pools" replace />} />
        <Route path="pools" element={<PoolListPage />} />
        {PAGES_LOADED_LATER.map(({ path, Page }) => (
          <Route key={path} path={path} element={<Page />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}
