import { createRoute } from '@hono/zod-openapi';
import { ApiError, DetectionState } from '@linewatch/shared';
import type { Api, ApiDeps } from '../context.js';
import { json } from '../openapi.js';
import { requireUser } from '../session.js';

/** Whether silent boxes count as lines down now, or the server itself looks cut off. */
export function detectionRoutes(app: Api, deps: ApiDeps): void {
  app.use('/api/v1/detection', requireUser(deps));
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/detection',
      tags: ['sites'],
      summary:
        'Whether silent boxes count as lines down (normal), or the server looks cut off itself and holds them back (cut_off); changes arrive on the live feed as `event: detection`',
      responses: {
        200: json(DetectionState, 'The state'),
        401: json(ApiError, 'Not logged in'),
      },
    }),
    (c) => c.json(deps.detection.current(), 200),
  );
}
