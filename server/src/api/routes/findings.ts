import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, SiteFinding } from '@linewatch/shared';
import type { Api, ApiDeps } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../openapi.js';
import { requireUser } from '../session.js';

const SiteParams = z.object({ id: z.uuid() });

/** Early warnings: trends that precede failure (falling SNR margin, rising CRC errors, evening congestion). */
export function findingRoutes(app: Api, deps: ApiDeps): void {
  const { store } = deps;
  app.use('/api/v1/findings', requireUser(deps));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/findings',
      tags: ['sites'],
      summary: 'Open early warnings of every site, warnings first',
      responses: { 200: json(z.array(SiteFinding), 'The findings'), 401: json(ApiError, 'Not logged in') },
    }),
    (c) => c.json(store.findings.openForOrg(c.get('user').orgId), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sites/{id}/findings',
      tags: ['sites'],
      summary: "A site's open early warnings",
      request: { params: SiteParams },
      responses: { 200: json(z.array(SiteFinding), 'The findings'), 404: json(ApiError, 'No such site') },
    }),
    (c) => {
      const site = store.sites.get(c.get('user').orgId, c.req.valid('param').id);
      if (!site) throw new HttpError(404, 'not_found', 'No such site.');
      return c.json(store.findings.open(site.id), 200);
    },
  );
}
