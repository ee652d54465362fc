import type { AgentState, StateStore } from './state-file.js';

/** Sequence numbers reserved per write of the state file: one write per this many samples. */
export const defaultSeqBlock = 1000;

export interface SequenceOptions {
  bootId: string;
  store: StateStore;
  blockSize?: number;
  /**
   * Where to start when the state file was corrupt: a number certainly above
   * any used in this boot. Milliseconds of uptime qualify, since the agent
   * takes far fewer than one sample per millisecond.
   */
  recoveryFloor?: () => number;
  /** Told when a corrupt state file was set aside. */
  onCorrupt?: (message: string) => void;
}

/**
 * Hands out sample sequence numbers that never repeat within one boot id,
 * across agent restarts and kill -9: numbers are reserved in blocks, and the
 * end of the reserved block is persisted before any number of it is used. A
 * restart skips the rest of the last block; gaps are fine, repeats are not
 * (the server would take a repeat for a duplicate and drop it).
 *
 * @example
 * const seq = new Sequence({ bootId, store: fileStateStore(path) });
 * seq.next() // 0, or where the last process of this boot stopped reserving
 */
export class Sequence {
  readonly #store: StateStore;
  readonly #blockSize: number;
  #state: AgentState;
  #next: number;

  /** @throws when the first block cannot be reserved (state file not writable). */
  constructor(options: SequenceOptions) {
    this.#store = options.store;
    this.#blockSize = options.blockSize ?? defaultSeqBlock;
    const { state, corrupt } = this.#store.read();
    if (corrupt) options.onCorrupt?.(corrupt);
    if (state && state.bootId === options.bootId) {
      this.#next = state.seqReservedUntil;
    } else if (corrupt) {
      this.#next = Math.ceil(options.recoveryFloor?.() ?? Date.now());
    } else {
      this.#next = 0;
    }
    this.#state = { ...state, bootId: options.bootId, seqReservedUntil: this.#next };
    this.#reserve();
  }

  /**
   * The next number. @throws when a new block cannot be reserved; the number
   * is then not used, and the next call tries again.
   */
  next(): number {
    if (this.#next >= this.#state.seqReservedUntil) this.#reserve();
    return this.#next++;
  }

  /** The state as last written (for the boot-id fallback that shares the file). */
  get state(): AgentState {
    return { ...this.#state };
  }

  #reserve(): void {
    const state = { ...this.#state, seqReservedUntil: this.#next + this.#blockSize };
    this.#store.write(state);
    this.#state = state;
  }
}
