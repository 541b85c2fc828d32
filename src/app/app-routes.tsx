import { lazy } from 'react'
import { Navigate, Route, Routes } from 'react-router'
import { PoolListPage } from '../pools/pool-list-page'
import { AppShell } from './app-shell'
import { NotFoundPage } from '../ui/not-found-page'

// The IP addresses page, like every dialog, loads when first needed: most visits start at the pools.
const IpsPage = lazy(() => import('../ips/ips-page'))
// A pool's page too: the list preloads it once on screen, so opening a pool does not wait for it.
const PoolDetailPage = lazy(() => import('../pools/pool-detail-page'))
const IpPage = lazy(() => import('../ips/ip-page'))
const ActivityPage = lazy(() => import('../activity/activity-page'))
const SessionsPage = lazy(() => import('../connection/sessions-page'))

/** Every address the app answers. Declarative routes: the data router costs ~17 KB gzip that nothing here uses. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to="/pools" replace />} />
        <Route path="pools" element={<PoolListPage />} />
        <Route path="pools/:name" element={<PoolDetailPage />} />
        <Route path="ips" element={<IpsPage />} />
        <Route path="ips/:ip" element={<IpPage />} />
        <Route path="activity" element={<ActivityPage />} />
        <Route path="sessions" element={<SessionsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}
