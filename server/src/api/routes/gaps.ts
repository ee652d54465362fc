import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, SiteGaps } from '@linewatch/shared';
import type { DropRow, GapRow } from '../../store/gaps.js';
import type { Api, ApiDeps } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../openapi.js';
import { requireUser } from '../session.js';

const SiteParams = z.object({ id: z.uuid() });

/** Most open gaps and most drop reports listed (the totals count them all). */
const listLimit = 200;

const iso = (ms: number) => new Date(ms).toISOString();

const toGap = (g: GapRow) => ({
  agentId: g.agent_id,
  bootId: g.boot_id,
  fromSeq: g.from_seq,
  toSeq: g.to_seq,
  missing: g.to_seq - g.from_seq + 1,
  detectedAt: iso(g.detected_at),
});

const toDrop = (d: DropRow) => ({
  agentId: d.agent_id,
  bootId: d.boot_id,
  seq: d.seq,
  count: d.count,
  explained: d.explained,
  reportedAt: iso(d.received_at),
});

/** Samples that never arrived from a site's agent: open sequence gaps and the agent's own drop reports. */
export function gapRoutes(app: Api, deps: ApiDeps): void {
  app.use('/api/v1/sites/:id/gaps', requireUser(deps));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sites/{id}/gaps',
      tags: ['sites'],
      summary: "Open gaps in the agent's sequence numbers and the samples it reported dropped",
      request: { params: SiteParams },
      responses: { 200: json(SiteGaps, 'Gaps and drop reports'), 404: json(ApiError, 'No such site') },
    }),
    (c) => {
      const site = deps.store.sites.get(c.get('user').orgId, c.req.valid('param').id);
      if (!site) throw new HttpError(404, 'not_found', 'No such site.');
      const r = deps.store.gaps.forSite(site.id, listLimit);
      return c.json(
        {
          missingSamples: r.missing,
          openGaps: r.gaps.map(toGap),
          droppedSamples: r.dropped,
          reportedDrops: r.drops.map(toDrop),
        },
        200,
      );
    },
  );
}
