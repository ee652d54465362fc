import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Board } from '../board/Board';
import { IncidentPage } from '../incidents/IncidentPage';
import { IncidentsPage } from '../incidents/IncidentsPage';
import { PageLoading } from './PageLoading';
import { NotFound, RouteError } from './RouteError';
import { Shell } from './Shell';

// recharts is large: the pages with charts load on first visit, not with the board.
const SitePage = lazy(() => import('../sites/SitePage'));
const ReportsPage = lazy(() => import('../reports/ReportsPage'));
const SettingsPage = lazy(() => import('../settings/SettingsPage'));

/** Every page of the dashboard. The server answers `index.html` for each of these paths. */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Board /> },
      {
        path: 'sites/:siteId',
        element: (
          <Suspense fallback={<PageLoading />}>
            <SitePage />
          </Suspense>
        ),
      },
      { path: 'incidents', element: <IncidentsPage /> },
      { path: 'incidents/:incidentId', element: <IncidentPage /> },
      {
        path: 'reports',
        element: (
          <Suspense fallback={<PageLoading />}>
            <ReportsPage />
          </Suspense>
        ),
      },
      {
        path: 'settings',
        element: (
          <Suspense fallback={<PageLoading />}>
            <SettingsPage />
          </Suspense>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
