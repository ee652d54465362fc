import { readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file.js';

/**
 * What the agent keeps between restarts (JSON beside the config by default,
 * `<config>.state.json`; configurable because the systemd unit keeps it in
 * /var/lib/linewatch).
 */
export const AgentState = z.object({
  /** The boot the reservation below belongs to. */
  bootId: z.string(),
  /** Every sequence number below this may have been used in `bootId`. */
  seqReservedUntil: z.number().int().min(0),
  /** A boot id of our own for machines without /proc/sys/kernel/random/boot_id. */
  fallbackBootId: z.uuid().optional(),
});
export type AgentState = z.infer<typeof AgentState>;

/** What a state store found. `corrupt` means the file exists but cannot be trusted. */
export type StateReading = { state: AgentState | null; corrupt?: string };

/** Where the state lives. Injectable so tests can share one between two "processes". */
export interface StateStore {
  read(): StateReading;
  write(state: AgentState): void;
}

/**
 * A state store in a JSON file, written atomically with mode 0600. A file
 * that is not valid state is moved aside (`.corrupt`) and reported, so the
 * next write starts clean and a person can still look at it.
 *
 * @example
 * const store = fileStateStore('/var/lib/linewatch/agent.state.json');
 */
export function fileStateStore(path: string): StateStore {
  return {
    read() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: null };
        throw error;
      }
      let parsed: ReturnType<typeof AgentState.safeParse>;
      try {
        parsed = AgentState.safeParse(JSON.parse(text));
      } catch (error) {
        return setAside(path, (error as Error).message);
      }
      return parsed.success
        ? { state: parsed.data }
        : setAside(path, parsed.error.issues[0]?.message ?? 'invalid');
    },
    write(state) {
      writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
    },
  };
}

function setAside(path: string, why: string): StateReading {
  renameSync(path, `${path}.corrupt`);
  return { state: null, corrupt: `${path} was not valid state (${why}); moved to ${path}.corrupt` };
}

/** A state store in memory, for tests. */
export function memoryStateStore(
  initial: AgentState | null = null,
): StateStore & { state: AgentState | null } {
  const store = {
    state: initial,
    read: () => ({ state: store.state }),
    write: (state: AgentState) => {
      store.state = { ...state };
    },
  };
  return store;
}
