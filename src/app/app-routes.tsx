import { lazy } from 'react'
import { Navigate, Route, Routes } from 'react-router'
import { PoolListPage } from '../pools/PoolListPage'
import { AppShell } from './AppShell'
import { NotFoundPage } from '../ui/NotFoundPage'

// The IP addresses page, like every dialog, loads when first needed: most visits start at the pools.
const IpsPage = lazy(() => import('../ips/IpsPage'))
// A pool's page too: the list preloads it once on screen, so opening a pool does not wait for it.
const PoolDetailPage = lazy(() => import('../pools/PoolDetailPage'))
const ActivityPage = lazy(() => import('../activity/ActivityPage'))
const SessionsPage = lazy(() => import('../connection/SessionsPage'))

/** Every address the app answers. Declarative routes: the data router costs ~17 KB gzip that nothing here uses. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to="/pools" replace />} />
        <Route path="pools" element={<PoolListPage />} />
        <Route path="pools/:name" element={<PoolDetailPage />} />
        <Route path="ips" element={<IpsPage />} />
        <Route path="activity" element={<ActivityPage />} />
        <Route path="sessions" element={<SessionsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}
