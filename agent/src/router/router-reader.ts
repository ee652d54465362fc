import type { RouterStatus } from '@linewatch/shared';
import type { RouterReader } from '../probes/round.js';
import { createByteCounterMemory } from './byte-counters.js';
import { type ReadRouterOptions, readRouter } from './read-router.js';

/** How long the agent stops logging in after the router refused or blocked its login. */
export const loginPauseMs = 15 * 60_000;

/**
 * The router reader a probe runner keeps for its whole life:
 *
 * 1. one byte-counter memory, so the IGD's 32-bit counters are unwrapped
 *    across rounds;
 * 2. after a refused (`auth_failed`) or blocked (`auth_blocked`, the
 *    FRITZ!Box answers 503 after failed logins) login, no login for
 *    {@link loginPauseMs} — one failed login per round would keep the box's
 *    login block going — while the unauthenticated IGD view still flows.
 *
 * @example
 * const probe = createProbeRunner({ readRouter: createRouterReader() });
 */
export function createRouterReader(
  deps: { read?: (o: ReadRouterOptions) => Promise<RouterStatus>; now?: () => number } = {},
): RouterReader {
  const read = deps.read ?? readRouter;
  const now = deps.now ?? (() => performance.now());
  const counters = createByteCounterMemory();
  let pausedUntil = Number.NEGATIVE_INFINITY;
  return async (request) => {
    const paused = now() < pausedUntil;
    const status = await read({
      address: request.address,
      port: request.port,
      user: paused ? null : request.user,
      password: paused ? null : request.password,
      timeoutMs: request.timeoutMs,
      counters,
    });
    if (status.findings.some((f) => f.code === 'auth_failed' || f.code === 'auth_blocked')) {
      pausedUntil = now() + loginPauseMs;
    }
    return status;
  };
}
