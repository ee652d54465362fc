import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Api, ApiDeps, Env } from './context.js';
import { errorBody, renderError, validationError } from './errors.js';
import { alertRoutes } from './routes/alerts.js';
import { authRoutes } from './routes/auth.js';
import { commandRoutes } from './routes/commands.js';
import { contactRoutes } from './routes/contacts.js';
import { detectionRoutes } from './routes/detection.js';
import { enrollRoutes } from './routes/enroll.js';
import { eventRoutes } from './routes/events.js';
import { findingRoutes } from './routes/findings.js';
import { gapRoutes } from './routes/gaps.js';
import { healthRoutes } from './routes/health.js';
import { incidentRoutes } from './routes/incidents.js';
import { maintenanceRoutes } from './routes/maintenance.js';
import { reportRoutes } from './routes/reports.js';
import { siteAdminRoutes } from './routes/site-admin.js';
import { siteRoutes } from './routes/sites.js';
import { userRoutes } from './routes/users.js';
import { adminForChanges } from './session.js';

/** Largest request body the API reads, in bytes. */
const maxBodyBytes = 1024 * 1024;

/**
 * The HTTP app: the JSON API under `/api/v1`, its OpenAPI 3.1 document
 * (generated from the same zod schemas that validate requests), health,
 * metrics and the dashboard's production build.
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/healthz'); // 200 {"status":"ok"}
 */
export function createApp(deps: ApiDeps): Api {
  const app: Api = new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
  app.onError((err, c) => {
    const res = renderError(err, c);
    if (res.status >= 500) deps.log.error({ err, path: c.req.path }, 'request failed');
    return res;
  });
  app.use('/api/*', async (c, next) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxBodyBytes) return c.json(errorBody('too_large', 'The request body is too large.'), 413);
    await next();
  });

  // Settings are changed by admins; "check now" by anyone logged in.
  const guard = adminForChanges(deps, /^\/api\/v1\/sites\/[^/]+\/commands$/);
  for (const area of [
    'sites',
    'alert-channels',
    'alert-policies',
    'contacts',
    'maintenance-windows',
    'users',
  ]) {
    app.use(`/api/v1/${area}`, guard);
    app.use(`/api/v1/${area}/*`, guard);
  }

  healthRoutes(app, deps);
  authRoutes(app, deps);
  userRoutes(app, deps);
  siteRoutes(app, deps);
  siteAdminRoutes(app, deps);
  commandRoutes(app, deps);
  gapRoutes(app, deps);
  findingRoutes(app, deps);
  incidentRoutes(app, deps);
  detectionRoutes(app, deps);
  alertRoutes(app, deps);
  contactRoutes(app, deps);
  maintenanceRoutes(app, deps);
  reportRoutes(app, deps);
  enrollRoutes(app, deps);
  eventRoutes(app, deps);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'lw_session',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'linewatch API',
      version: '1',
      description:
        'Every route needs a session cookie (POST /api/v1/auth/login) or an API token (Authorization: Bearer), except /healthz, /metrics, /api/v1/auth/login and /api/v1/enroll.',
    },
    security: [{ session: [] }, { bearer: [] }],
  });

  app.all('/api/*', (c) => c.json(errorBody('not_found', 'No such API route.'), 404));
  if (deps.dashboardDir && existsSync(join(deps.dashboardDir, 'index.html')))
    serveDashboard(app, deps.dashboardDir);
  else
    app.get('/', (c) =>
      c.text('The dashboard is not built yet: run `pnpm build`, then restart the server.', 503),
    );
  return app;
}

/** Static files of the dashboard, with `index.html` for every client-side route. */
function serveDashboard(app: Api, dir: string): void {
  const root = relative(process.cwd(), dir) || '.';
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_p, c) => c.header('cache-control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.use('*', serveStatic({ root }));
  app.get('*', (c) => c.html(index));
}
