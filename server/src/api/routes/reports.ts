import { createRoute } from '@hono/zod-openapi';
import { ApiError, AvailabilityQuery, AvailabilityReport } from '@linewatch/shared';
import { availability, monthBounds } from '../../reports/availability.js';
import type { Api, ApiDeps } from '../context.js';
import { json } from '../openapi.js';
import { requireUser } from '../session.js';

/** Reports for the shop: availability of every line per month, in the shop's time zone. */
export function reportRoutes(app: Api, deps: ApiDeps): void {
  const { store, config } = deps;
  app.use('/api/v1/reports/*', requireUser(deps));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reports/availability',
      tags: ['reports'],
      summary: 'Availability of every line in a month: uptime, outages by count, minutes and cause',
      request: { query: AvailabilityQuery },
      responses: {
        200: json(AvailabilityReport, 'The month'),
        400: json(ApiError, 'Not a month'),
        401: json(ApiError, 'Not logged in'),
      },
    }),
    (c) => {
      const { month } = c.req.valid('query');
      const orgId = c.get('user').orgId;
      const [from, to] = monthBounds(month, config.timeZone);
      const now = deps.now();
      const sites = availability(
        store.availability.sites(orgId),
        store.availability.spans(orgId, from, to),
        [from, to],
        now,
      );
      const report: AvailabilityReport = {
        month,
        timeZone: config.timeZone,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        complete: now >= to,
        sites,
      };
      return c.json(report, 200);
    },
  );
}
