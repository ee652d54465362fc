import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, Command, CommandCreate } from '@linewatch/shared';
import { toCommand } from '../../store/commands.js';
import type { Api, ApiDeps } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../openapi.js';
import { requireUser } from '../session.js';

const SiteParams = z.object({ id: z.uuid() });

/** Commands to a site's agent, e.g. "run a full check now". */
export function commandRoutes(app: Api, deps: ApiDeps): void {
  app.use('/api/v1/sites/:id/commands', requireUser(deps));

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/sites/{id}/commands',
      tags: ['sites'],
      summary:
        "Send a command to the site's agent; an offline agent gets it when it returns, unless it expired first",
      request: { params: SiteParams, body: { ...json(CommandCreate, 'The command'), required: true } },
      responses: {
        202: json(Command, 'The command, pending or sent'),
        404: json(ApiError, 'No such site'),
        409: json(ApiError, 'The site has no agent yet'),
      },
    }),
    (c) => {
      const site = deps.store.sites.get(c.get('user').orgId, c.req.valid('param').id);
      if (!site) throw new HttpError(404, 'not_found', 'No such site.');
      if (!site.agent_id) throw new HttpError(409, 'no_agent', 'This site has no monitoring box yet.');
      const body = c.req.valid('json');
      const row = deps.commands.issue(
        { orgId: site.org_id, siteId: site.id, agentId: site.agent_id },
        body.name,
        body.ttlSeconds * 1000,
      );
      return c.json(toCommand(row, deps.now()), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sites/{id}/commands',
      tags: ['sites'],
      summary: 'The newest commands of a site and where each stands',
      request: { params: SiteParams },
      responses: { 200: json(z.array(Command), 'Newest first'), 404: json(ApiError, 'No such site') },
    }),
    (c) => {
      const site = deps.store.sites.get(c.get('user').orgId, c.req.valid('param').id);
      if (!site) throw new HttpError(404, 'not_found', 'No such site.');
      const now = deps.now();
      return c.json(
        deps.store.commands.forSite(site.id).map((r) => toCommand(r, now)),
        200,
      );
    },
  );
}
