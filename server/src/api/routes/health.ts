import { createRoute, z } from '@hono/zod-openapi';
import type { Api, ApiDeps } from '../context.js';
import { json } from '../openapi.js';

/** Liveness and Prometheus metrics, both without login. */
export function healthRoutes(app: Api, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['operations'],
      summary: 'Liveness (no login)',
      responses: { 200: json(z.object({ status: z.literal('ok') }), 'The server is up') },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      tags: ['operations'],
      summary: 'Prometheus metrics in the text exposition format (no login)',
      responses: { 200: { content: { 'text/plain': { schema: z.string() } }, description: 'Metrics' } },
    }),
    async (c) => {
      const text = await deps.metrics.registry.metrics();
      return c.text(text, 200, { 'content-type': deps.metrics.registry.contentType });
    },
  );
}
