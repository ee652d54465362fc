import { createRoute, z } from '@hono/zod-openapi';
import {
  ApiError,
  LatestMeasurement,
  MeasurementSeries,
  MeasurementsQuery,
  Site,
  SiteCreate,
  SiteCreated,
  SiteDetail,
} from '@linewatch/shared';
import { hashToken, randomToken } from '../../auth/secrets.js';
import { toSite } from '../../store/sites.js';
import type { Api, ApiDeps } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../openapi.js';
import { requireUser } from '../session.js';

const SiteParams = z.object({ id: z.uuid() });

/** Default range of the measurements endpoint, in ms. */
const defaultRangeMs = 24 * 3600_000;
/** Default and largest number of points returned. */
const defaultPoints = 500;

/** Create, list and read sites (customer lines) and their measurements. */
export function siteRoutes(app: Api, deps: ApiDeps): void {
  app.use('/api/v1/sites', requireUser(deps));
  app.use('/api/v1/sites/*', requireUser(deps));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sites',
      tags: ['sites'],
      summary: 'Every site of the organisation with its current status',
      responses: { 200: json(z.array(Site), 'The sites'), 401: json(ApiError, 'Not logged in') },
    }),
    (c) => c.json(deps.store.sites.list(c.get('user').orgId).map(toSite), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/sites',
      tags: ['sites'],
      summary: 'Create a site; the answer carries a one-time enrollment token for its agent',
      request: { body: { ...json(SiteCreate, 'The new site'), required: true } },
      responses: {
        201: json(SiteCreated, 'The site and its enrollment token'),
        400: json(ApiError, 'A field is missing or invalid'),
        401: json(ApiError, 'Not logged in'),
      },
    }),
    (c) => {
      const { orgId } = c.get('user');
      const now = deps.now();
      const token = randomToken();
      const row = deps.store.tx(() => {
        const created = deps.store.sites.create(orgId, c.req.valid('json'), now);
        const expires = now + deps.config.enrollmentTokenDays * 86_400_000;
        deps.store.agents.createToken(hashToken(token), orgId, created.id, now, expires);
        return created;
      });
      const site = toSite(row);
      deps.siteEvents.publish(orgId, site);
      deps.log.info({ siteId: site.id }, 'site created');
      return c.json({ ...site, enrollmentToken: token }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sites/{id}',
      tags: ['sites'],
      summary:
        "One site, with its agent's facts: version, uptime, outbox backlog, whether its clock is right",
      request: { params: SiteParams },
      responses: {
        200: json(SiteDetail, 'The site and its agent (null before one enrolled)'),
        404: json(ApiError, 'No such site'),
      },
    }),
    (c) => {
      const row = deps.store.sites.get(c.get('user').orgId, c.req.valid('param').id);
      if (!row) throw new HttpError(404, 'not_found', 'No such site.');
      return c.json({ ...toSite(row), agent: deps.store.agentFacts(row.id, deps.now()) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sites/{id}/latest',
      tags: ['sites'],
      summary: "The site's newest probe round: every check, the router's view, the verdict and its evidence",
      request: { params: SiteParams },
      responses: {
        200: json(LatestMeasurement, 'The newest probe round'),
        204: { description: 'Nothing measured at this site yet' },
        404: json(ApiError, 'No such site'),
      },
    }),
    (c) => {
      const row = deps.store.sites.get(c.get('user').orgId, c.req.valid('param').id);
      if (!row) throw new HttpError(404, 'not_found', 'No such site.');
      const latest = deps.store.measurements.latest(row.id);
      // Not an error: an enrolled box may not have finished its first round (a 404 would be one in the browser).
      if (!latest) return c.body(null, 204);
      return c.json(
        {
          at: new Date(latest.t).toISOString(),
          receivedAt: new Date(latest.receivedAt).toISOString(),
          measurement: latest.measurement,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sites/{id}/measurements',
      tags: ['sites'],
      summary: 'Line figures of a site over a range, oldest first, at most `step` points',
      request: { params: SiteParams, query: MeasurementsQuery },
      responses: {
        200: json(MeasurementSeries, 'The series'),
        400: json(ApiError, 'Bad range'),
        404: json(ApiError, 'No such site'),
      },
    }),
    (c) => {
      const row = deps.store.sites.get(c.get('user').orgId, c.req.valid('param').id);
      if (!row) throw new HttpError(404, 'not_found', 'No such site.');
      const q = c.req.valid('query');
      const to = q.to ? Date.parse(q.to) : deps.now();
      const from = q.from ? Date.parse(q.from) : to - defaultRangeMs;
      if (from >= to) throw new HttpError(400, 'invalid_request', 'from: must be before to');
      return c.json(deps.store.measurements.series(row.id, from, to, q.step ?? defaultPoints), 200);
    },
  );
}
