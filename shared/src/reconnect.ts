/** The agents' reconnect delays: from 1 s, growing to at most 60 s. */
export const reconnectBackoff = { baseMs: 1000, capMs: 60_000 } as const;

/**
 * The delay before an agent's next connection attempt, with full jitter:
 * uniform below a ceiling that grows with the time already spent waiting
 * since the connection was lost (`waitedMs`), from `baseMs` to `capMs`.
 *
 * Waiting at most as long again as already waited, an agent is back
 * within twice the length of a line's outage (a 3 s blip: within 6 s, so a
 * confirmation delay of a few seconds more raises nothing), while a fleet
 * behind one long cut spreads its attempts like exponential backoff (the
 * ceiling grows ~1.5× per attempt) and never hammers a returning server.
 * Exponential backoff by attempt count instead lets a few quickly refused
 * attempts push the next one far out: after a 3 s blip, 1 in 25 agents
 * would wait more than 10 s.
 * Shared by the agent and the fleet simulator so both reconnect alike.
 *
 * @example
 * reconnectDelayMs(0, 0.5)      // 500: half of the 1 s base
 * reconnectDelayMs(8000, 0.5)   // 4000
 * reconnectDelayMs(600_000, 1)  // < 60000
 */
export function reconnectDelayMs(
  waitedMs: number,
  random: number,
  opts: { baseMs: number; capMs: number } = reconnectBackoff,
): number {
  const ceiling = Math.min(opts.capMs, Math.max(opts.baseMs, waitedMs));
  return Math.floor(random * ceiling);
}
