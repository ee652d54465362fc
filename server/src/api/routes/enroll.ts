import { createRoute } from '@hono/zod-openapi';
import { ApiError, EnrollRequest, EnrollResponse } from '@linewatch/shared';
import { hashToken, randomToken } from '../../auth/secrets.js';
import { toSite } from '../../store/sites.js';
import type { Api, ApiDeps } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../openapi.js';

/**
 * Enrollment: an agent trades its site's one-time token for an agentId
 * and a random MQTT secret. Only the secret's hash is stored.
 */
export function enrollRoutes(app: Api, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/enroll',
      tags: ['agents'],
      summary: 'Enroll an agent with a one-time token (no login)',
      request: { body: { ...json(EnrollRequest, 'The token and facts about the agent'), required: true } },
      responses: {
        200: json(EnrollResponse, 'The agent identity and MQTT credentials'),
        401: json(ApiError, 'Unknown token'),
        410: json(ApiError, 'Token already used or expired'),
      },
    }),
    (c) => {
      const body = c.req.valid('json');
      const now = deps.now();
      const token = deps.store.agents.token(hashToken(body.token));
      if (!token) throw new HttpError(401, 'unknown_token', 'This enrollment token is not known.');
      if (token.used_at !== null || token.expires_at <= now) {
        throw new HttpError(410, 'token_spent', 'This enrollment token was already used or has expired.');
      }
      const secret = randomToken();
      const previous = deps.store.sites.getById(token.site_id)?.agent_id ?? null;
      const agentId = deps.store.agents.enroll(token, hashToken(secret), body, now);
      if (!agentId)
        throw new HttpError(410, 'token_spent', 'This enrollment token was already used or has expired.');
      // A replaced box loses its credentials with its agent row; end its session too.
      if (previous) deps.disconnectAgent(previous);
      deps.log.info({ agentId, siteId: token.site_id, hostname: body.hostname }, 'agent enrolled');
      const site = deps.store.sites.getById(token.site_id);
      if (site) deps.siteEvents.publish(site.org_id, toSite(site));
      return c.json(
        {
          ...(site ? { contract: toSite(site).contract } : {}),
          agentId,
          siteId: token.site_id,
          mqtt: { url: deps.agentMqttUrl(c.req.url), username: agentId, password: secret },
        },
        200,
      );
    },
  );
}
