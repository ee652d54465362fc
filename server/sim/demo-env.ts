import { z } from 'zod';

/**
 * The demo's settings, parsed once (by `pnpm demo` before anything starts,
 * and by the simulator it runs). Durations scale with `DEMO_SPEEDUP`.
 */
export const DemoEnv = z.object({
  /** Simulated sites, one agent each. */
  DEMO_SITES: z.coerce.number().int().min(1).max(2000).default(50),
  /** 1 = the scripted faults run on a 10-minute cycle; 10 = a 1-minute cycle. */
  DEMO_SPEEDUP: z.coerce.number().min(0.1).max(100).default(1),
  /** Seconds between an agent's probe rounds; default 10 / DEMO_SPEEDUP (at least 1). */
  DEMO_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  /** The agents' MQTT keepalive, s (the real agent's default). */
  DEMO_KEEPALIVE_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** The simulator's pino level: `info` tells every scripted step. */
  DEMO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('warn'),
});
export type DemoEnv = z.infer<typeof DemoEnv>;

/**
 * Parses the demo's environment; a bad value throws one sentence.
 *
 * @example
 * parseDemoEnv({ DEMO_SPEEDUP: '10' }).DEMO_SITES // 50
 */
export function parseDemoEnv(env: NodeJS.ProcessEnv): DemoEnv {
  const parsed = DemoEnv.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`${String(issue?.path[0])}: ${issue?.message ?? 'invalid'}`);
}

/** Seconds between probe rounds under these settings. */
export const intervalSeconds = (env: DemoEnv): number =>
  env.DEMO_INTERVAL_SECONDS ?? Math.max(1, Math.round(10 / env.DEMO_SPEEDUP));
