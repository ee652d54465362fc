import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, MaintenanceWindow, MaintenanceWindowCreate } from '@linewatch/shared';
import type { Api, ApiDeps } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../openapi.js';
import { requireUser } from '../session.js';

const Params = z.object({ id: z.uuid() });

/** Maintenance windows per site, carrier or area: outages inside are recorded and marked, nothing alerts. */
export function maintenanceRoutes(app: Api, deps: ApiDeps): void {
  const { store } = deps;
  app.use('/api/v1/maintenance-windows', requireUser(deps));
  app.use('/api/v1/maintenance-windows/*', requireUser(deps));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/maintenance-windows',
      tags: ['maintenance'],
      summary: 'Maintenance windows that are current or ahead',
      responses: {
        200: json(z.array(MaintenanceWindow), 'The windows'),
        401: json(ApiError, 'Not logged in'),
      },
    }),
    (c) => c.json(store.maintenance.list(c.get('user').orgId, deps.now()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/maintenance-windows',
      tags: ['maintenance'],
      summary: 'Plan a maintenance window for a site (its id), a carrier (its name) or an area',
      request: { body: { ...json(MaintenanceWindowCreate, 'The window'), required: true } },
      responses: {
        201: json(MaintenanceWindow, 'The window'),
        400: json(ApiError, 'A field is missing or invalid'),
        401: json(ApiError, 'Not logged in'),
      },
    }),
    (c) => {
      const user = c.get('user');
      const body = c.req.valid('json');
      if (body.scope === 'site' && !store.sites.get(user.orgId, body.value))
        throw new HttpError(400, 'invalid', 'value: no such site');
      return c.json(store.maintenance.create(user.orgId, body, user.email, deps.now()), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/maintenance-windows/{id}',
      tags: ['maintenance'],
      summary: 'Cancel a maintenance window',
      request: { params: Params },
      responses: { 204: { description: 'Cancelled' }, 404: json(ApiError, 'No such window') },
    }),
    (c) => {
      if (!store.maintenance.remove(c.get('user').orgId, c.req.valid('param').id))
        throw new HttpError(404, 'not_found', 'No such maintenance window.');
      return c.body(null, 204);
    },
  );
}
