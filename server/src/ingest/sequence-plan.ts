import type { AgentEventKind } from '@linewatch/shared';

/** A run of sequence numbers, both ends included. */
export interface SeqRange {
  from: number;
  to: number;
}

/** What gap detection needs of a sample: its number and what it is. */
export interface SeqSample {
  seq: number;
  kind: 'measurement' | AgentEventKind;
}

/** What one batch does to a boot's sequence, see {@link planSequence}. */
export interface SequencePlan {
  /** The boot's highest seq after the batch. */
  maxSeq: number | null;
  /** Numbers skipped that were taken: losses until they arrive. */
  holes: SeqRange[];
  /** Numbers skipped right before an `agent_started`: the rest of a reserved block, no loss. */
  skipped: SeqRange[];
  /** Runs at or below the boot's highest seq: late arrivals (they may fill a hole) or duplicates. */
  late: SeqRange[];
  /** Seqs of `agent_started` events among the late ones: what is still missing right below each was skipped. */
  lateStarts: number[];
}

/**
 * Compares a batch of one boot's samples with the highest seq seen of that
 * boot. Pure: the caller stores holes and fills them.
 *
 * 1. Numbers are taken in ascending order (measurements and events share
 *    one sequence, agent/src/state/sequence.ts).
 * 2. A number above `maxSeq + 1` leaves a hole. A hole that ends right
 *    before an `agent_started` event is the agent's restart: a new process
 *    continues after the block of numbers the last one reserved, so the
 *    skipped numbers were (as far as the server can know) never taken.
 * 3. A number at or below `maxSeq` is late: it arrives after a higher one,
 *    e.g. backlog replayed after the live samples of a new connection. A
 *    late `agent_started` is noted: the caller closes what is still
 *    missing right below it, as in step 2 (the backlog is sent oldest
 *    first, so the old process's samples are in by then).
 * 4. The first sample the server ever sees of a boot sets the baseline:
 *    what came before it cannot be judged.
 *
 * @example
 * planSequence(9, [{ seq: 15, kind: 'measurement' }]) // holes [{ from: 10, to: 14 }], maxSeq 15
 */
export function planSequence(maxSeq: number | null, samples: readonly SeqSample[]): SequencePlan {
  const sorted = [...samples].sort((a, b) => a.seq - b.seq);
  const plan: SequencePlan = { maxSeq, holes: [], skipped: [], late: [], lateStarts: [] };
  for (const s of sorted) {
    if (plan.maxSeq === null) {
      plan.maxSeq = s.seq;
    } else if (s.seq > plan.maxSeq) {
      if (s.seq > plan.maxSeq + 1) {
        const hole = { from: plan.maxSeq + 1, to: s.seq - 1 };
        (s.kind === 'agent_started' ? plan.skipped : plan.holes).push(hole);
      }
      plan.maxSeq = s.seq;
    } else {
      if (s.kind === 'agent_started') plan.lateStarts.push(s.seq);
      const last = plan.late.at(-1);
      if (last && s.seq <= last.to + 1) last.to = Math.max(last.to, s.seq);
      else plan.late.push({ from: s.seq, to: s.seq });
    }
  }
  return plan;
}

/**
 * What is left of `gap` once `arrived` came: nothing, one piece or two.
 *
 * @example
 * subtract({ from: 10, to: 20 }, { from: 12, to: 13 }) // [{ from: 10, to: 11 }, { from: 14, to: 20 }]
 */
export function subtract(gap: SeqRange, arrived: SeqRange): SeqRange[] {
  if (arrived.to < gap.from || arrived.from > gap.to) return [gap];
  const pieces: SeqRange[] = [];
  if (arrived.from > gap.from) pieces.push({ from: gap.from, to: arrived.from - 1 });
  if (arrived.to < gap.to) pieces.push({ from: arrived.to + 1, to: gap.to });
  return pieces;
}
