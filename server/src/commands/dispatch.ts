import { type AgentCommand, type CommandName, protocolVersion } from '@linewatch/shared';
import type { Logger } from 'pino';
import type { CommandRow } from '../store/commands.js';
import type { Store } from '../store/index.js';

export interface CommandDispatchDeps {
  store: Store;
  log: Logger;
  now(): number;
  /** Publishes to the agent's commands topic (QoS 1). */
  send(agentId: string, payload: string): Promise<void>;
  /** Whether the agent is subscribed to its commands topic right now. */
  listening(agentId: string): boolean;
}

/**
 * Gets commands to agents that may be offline: each command is a row until
 * the agent reports it done (`command_done` event) or it expires, and every
 * pending one is (re-)sent when the agent subscribes to its commands topic.
 * The agent ignores a command id it has already run, so a re-send after a
 * lost `command_done` runs nothing twice.
 *
 * @example
 * const commands = createCommandDispatch(deps);
 * commands.issue({ orgId, siteId, agentId }, 'check_now', 600_000);
 */
export function createCommandDispatch(deps: CommandDispatchDeps) {
  const { store, log } = deps;

  function send(row: CommandRow): void {
    const message: AgentCommand = {
      v: protocolVersion,
      type: 'command',
      id: row.id,
      name: row.name,
      issuedAt: new Date(row.issued_at).toISOString(),
      expiresAt: new Date(row.expires_at).toISOString(),
    };
    deps
      .send(row.agent_id, JSON.stringify(message))
      .then(() => store.commands.markSent(row.id, deps.now()))
      .catch((err: Error) => log.warn({ commandId: row.id, err: err.message }, 'command not sent'));
  }

  return {
    issue(
      target: { orgId: string; siteId: string; agentId: string },
      name: CommandName,
      ttlMs: number,
    ): CommandRow {
      const row = store.commands.create({ ...target, name, ttlMs }, deps.now());
      log.info({ commandId: row.id, agentId: target.agentId, name }, 'command issued');
      if (deps.listening(target.agentId)) send(row);
      return row;
    },
    /** Sends every pending command of an agent that has just subscribed. */
    deliverPending(agentId: string): void {
      for (const row of store.commands.pending(agentId, deps.now())) send(row);
    },
    /** The agent reports a command done. */
    done(agentId: string, commandId: string): void {
      if (store.commands.markDone(commandId, agentId, deps.now()))
        log.info({ commandId, agentId }, 'command done');
    },
  };
}
export type CommandDispatch = ReturnType<typeof createCommandDispatch>;
