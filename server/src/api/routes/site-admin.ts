import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, EnrollmentToken, Site, SiteUpdate } from '@linewatch/shared';
import { hashToken, randomToken } from '../../auth/secrets.js';
import { leaveArea, regroupSite } from '../../incidents/regroup.js';
import { type SiteRow, toSite } from '../../store/sites.js';
import type { Api, ApiDeps } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../openapi.js';

const SiteParams = z.object({ id: z.uuid() });
const notFound = () => new HttpError(404, 'not_found', 'No such site.');

/**
 * Looking after a site once it exists: edit its facts, issue a new
 * enrollment token when its box is replaced, delete it when the customer
 * leaves. (`requireUser` for `/api/v1/sites/*` is installed by `siteRoutes`.)
 */
export function siteAdminRoutes(app: Api, deps: ApiDeps): void {
  const { store } = deps;
  const regroup = { store, onEvent: deps.alerts.onEvent };
  /** The live feed and alerts hear of incidents an edit or deletion regrouped. */
  const tellIncidents = (ids: readonly string[]) => {
    for (const id of new Set(ids)) deps.incidentChanged(id);
  };

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/sites/{id}',
      tags: ['sites'],
      summary:
        "Change a site's customer, address, carrier, contract, area or fee; a new carrier or area also moves its open incident out of (or into) an area outage",
      request: { params: SiteParams, body: { ...json(SiteUpdate, 'The fields to change'), required: true } },
      responses: {
        200: json(Site, 'The site'),
        400: json(ApiError, 'A field is invalid'),
        404: json(ApiError, 'No such site'),
      },
    }),
    (c) => {
      const { orgId, email } = c.get('user');
      const now = deps.now();
      const result = store.tx(() => {
        const row = store.sites.update(orgId, c.req.valid('param').id, c.req.valid('json'));
        return row ? { row, changed: regroupSite(regroup, row as SiteRow, email, now) } : null;
      });
      if (!result) throw notFound();
      tellIncidents(result.changed);
      const site = toSite(result.row);
      deps.siteEvents.publish(orgId, site);
      deps.log.info({ siteId: site.id, incidentsRegrouped: result.changed.length }, 'site changed');
      return c.json(site, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/sites/{id}/enrollment-token',
      tags: ['sites'],
      summary:
        'A new one-time enrollment token (box replaced or reinstalled); earlier unspent tokens stop working, and enrolling with it retires the old box',
      request: { params: SiteParams },
      responses: { 201: json(EnrollmentToken, 'The token'), 404: json(ApiError, 'No such site') },
    }),
    (c) => {
      const { orgId } = c.get('user');
      const site = store.sites.get(orgId, c.req.valid('param').id);
      if (!site) throw notFound();
      const now = deps.now();
      const token = randomToken();
      const expiresAt = now + deps.config.enrollmentTokenDays * 86_400_000;
      // Only the newest token handed out can enroll a box: earlier unspent ones stop working.
      store.agents.reissueToken(hashToken(token), orgId, site.id, now, expiresAt);
      deps.log.info({ siteId: site.id }, 'enrollment token issued');
      const body: EnrollmentToken = {
        siteId: site.id,
        enrollmentToken: token,
        expiresAt: new Date(expiresAt).toISOString(),
      };
      return c.json(body, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/sites/{id}',
      tags: ['sites'],
      summary:
        'Delete a site and everything recorded for it; its box is disconnected and can no longer log in',
      request: { params: SiteParams },
      responses: { 204: { description: 'Deleted' }, 404: json(ApiError, 'No such site') },
    }),
    (c) => {
      const { orgId, email } = c.get('user');
      const { id } = c.req.valid('param');
      const agentId = store.sites.get(orgId, id)?.agent_id ?? null;
      const now = deps.now();
      const changed = store.tx(() => {
        // An area outage must not keep counting a line that no longer exists.
        const left = leaveArea(regroup, id, email, now);
        if (!store.sites.remove(orgId, id)) return null;
        return left.filter((incidentId) => store.incidents.get(incidentId) !== undefined);
      });
      if (!changed) throw notFound();
      tellIncidents(changed);
      const disconnected = agentId !== null && deps.disconnectAgent(agentId);
      deps.siteEvents.publishDeleted(orgId, id);
      deps.log.info({ siteId: id, agentId, disconnected }, 'site deleted');
      return c.body(null, 204);
    },
  );
}
