import type { Store } from '../store/index.js';

/**
 * Keeps each agent's reported outbox backlog in `agents`, writing only
 * when it changed: in steady state it stays 1 (the batch itself), so a
 * fleet of 10,000 agents adds no writes; during a replay it counts down.
 *
 * @example
 * const backlog = backlogKeeper(store);
 * backlog.write('agent-1', 240, now); // in the batch's transaction
 * backlog.committed('agent-1', 240);  // after it committed
 */
export function backlogKeeper(store: Store) {
  const written = new Map<string, number>();
  return {
    write(agentId: string, backlog: number | undefined, at: number): void {
      if (backlog === undefined || written.get(agentId) === backlog) return;
      store.agents.setBacklog(agentId, backlog, at);
    },
    committed(agentId: string, backlog: number | undefined): void {
      if (backlog !== undefined) written.set(agentId, backlog);
    },
  };
}
