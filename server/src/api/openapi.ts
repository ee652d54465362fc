import type { z } from '@hono/zod-openapi';

/**
 * A JSON body or response for `createRoute`.
 *
 * @example
 * responses: { 200: json(Site, 'The site') }
 */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** Routes that need no login; every other route needs a session cookie or an API token. */
export const publicRoute = { security: [] as never[] };
