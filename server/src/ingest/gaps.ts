import type { AgentEvent } from '@linewatch/shared';
import type { GapClosedBy, GapOwner, GapsRepo } from '../store/gaps.js';
import { planSequence, type SeqRange, type SeqSample, subtract } from './sequence-plan.js';

/** A sample as gap detection sees it. */
export type TrackedSample = SeqSample & { bootId: string; data?: AgentEvent['data'] };

/** What one batch changed, for the metrics (applied once its transaction committed). */
export interface GapChanges {
  /** New holes found. */
  opened: number;
  /** Gaps closed, by why. */
  closed: Record<GapClosedBy, number>;
  /** Samples agents reported dropped (new `outbox_dropped` reports). */
  reported: number;
}

/** No change. */
export const noGapChanges = (): GapChanges => ({
  opened: 0,
  closed: { arrived: 0, reported: 0, skipped: 0 },
  reported: 0,
});

/** Boots whose highest seq is kept in memory; an evicted one is read again from the store. */
const defaultMaxBoots = 50_000;
/** Largest drop count believed from one report (the agent's outbox holds far fewer). */
const maxReportedCount = 10_000_000;

interface BootSeqs {
  maxSeq: number | null;
  /** Open gap rows of the boot: while 0, a late sample is a duplicate and costs no query. */
  open: number;
}

/**
 * Finds and keeps the holes in each agent boot's sequence numbers (see
 * {@link planSequence} for what counts as one) in `ingest_gaps`:
 *
 * 1. a hole is stored when a higher number arrives — after a reconnect
 *    that includes the backlog still to come, since the agent sends live
 *    samples first: such a gap closes as the replay arrives;
 * 2. a late arrival shrinks, splits or closes the gaps it falls in;
 * 3. a late `agent_started` closes what is still missing right below it:
 *    the rest of the previous process's reserved block, never taken;
 * 4. an `outbox_dropped` event (data.count) is stored as reported loss,
 *    and closes that many missing numbers below it, lowest first — the
 *    agent's outbox drops its oldest measurements.
 *
 * Limits, by design: only holes between samples that arrive are seen, so
 * the tail of a boot that ended in a power cut, and samples a killed agent
 * never stored (they fall in the skipped rest of its block), are not
 * counted; the agent's own report is the only witness of those. A gap
 * that stays open after the agent's backlog is done is a loss.
 *
 * Call {@link observe} inside the transaction that stores the samples,
 * before storing them (the stored maximum is the baseline of a boot not
 * yet in memory); call {@link reset} when that transaction failed.
 *
 * @example
 * const tracker = createGapTracker(store.gaps);
 * store.tx(() => { tracker.observe(owner, samples, now); store.measurements.writeBatch(origin, items); });
 */
export function createGapTracker(repo: GapsRepo, opts: { maxBoots?: number } = {}) {
  const maxBoots = opts.maxBoots ?? defaultMaxBoots;
  const boots = new Map<string, BootSeqs>();

  function load(agentId: string, bootId: string): BootSeqs {
    const key = `${agentId}/${bootId}`;
    let b = boots.get(key);
    if (!b) {
      if (boots.size >= maxBoots) boots.delete(boots.keys().next().value as string);
      b = { maxSeq: repo.maxSeq(agentId, bootId), open: repo.openCount(agentId, bootId) };
      boots.set(key, b);
    }
    return b;
  }

  /** One boot's bookkeeping within one message; `open` follows the boot's open gap rows. */
  function book(o: GapOwner, at: number, changes: GapChanges, open: number) {
    const close = (id: number, by: GapClosedBy) => {
      repo.close(id, at, by);
      changes.closed[by]++;
      open--;
    };
    return {
      get open() {
        return open;
      },
      hole(r: SeqRange) {
        repo.insert(o, r.from, r.to, at);
        changes.opened++;
        open++;
      },
      /** Step 2. */
      arrived(r: SeqRange) {
        for (const gap of repo.overlapping(o.agentId, o.bootId, r.from, r.to)) {
          const [first, second] = subtract({ from: gap.from_seq, to: gap.to_seq }, r);
          if (!first) {
            close(gap.id, 'arrived');
            continue;
          }
          repo.setRange(gap.id, first.from, first.to);
          if (second) {
            repo.insert(o, second.from, second.to, gap.detected_at);
            open++;
          }
        }
      },
      /** Step 3. */
      started(seq: number) {
        for (const gap of repo.overlapping(o.agentId, o.bootId, seq - 1, seq - 1))
          if (gap.to_seq === seq - 1) close(gap.id, 'skipped');
      },
      /** Step 4: closes up to `count` missing numbers below `seq`, lowest first; returns how many. */
      dropped(seq: number, count: number): number {
        let left = count;
        for (const gap of repo.overlapping(o.agentId, o.bootId, Number.MIN_SAFE_INTEGER, seq - 1)) {
          if (left === 0) break;
          const n = Math.min(left, Math.min(gap.to_seq, seq - 1) - gap.from_seq + 1);
          left -= n;
          if (n === gap.to_seq - gap.from_seq + 1) close(gap.id, 'reported');
          else repo.setRange(gap.id, gap.from_seq + n, gap.to_seq);
        }
        return count - left;
      },
    };
  }

  return {
    /**
     * Records what one message's samples (of one agent, any boots) do to
     * the gaps. Changes memory only after every write succeeded.
     */
    observe(owner: Omit<GapOwner, 'bootId'>, samples: readonly TrackedSample[], at: number): GapChanges {
      const changes = noGapChanges();
      const byBoot = new Map<string, TrackedSample[]>();
      for (const s of samples) {
        const list = byBoot.get(s.bootId);
        if (list) list.push(s);
        else byBoot.set(s.bootId, [s]);
      }
      const updates: [BootSeqs, BootSeqs][] = [];
      for (const [bootId, list] of byBoot) {
        const o: GapOwner = { ...owner, bootId };
        const before = load(owner.agentId, bootId);
        const plan = planSequence(before.maxSeq, list);
        const b = book(o, at, changes, before.open);
        for (const hole of plan.holes) b.hole(hole);
        if (b.open > 0) for (const run of plan.late) b.arrived(run);
        if (b.open > 0) for (const seq of plan.lateStarts) b.started(seq);
        for (const s of list) {
          const count = s.kind === 'outbox_dropped' ? s.data?.count : undefined;
          if (typeof count !== 'number' || !Number.isInteger(count) || count <= 0 || count > maxReportedCount)
            continue;
          if (repo.hasDrop(o.agentId, bootId, s.seq)) continue;
          const explained = b.open > 0 ? b.dropped(s.seq, count) : 0;
          repo.insertDrop(o, { seq: s.seq, count, explained }, at);
          changes.reported += count;
        }
        updates.push([before, { maxSeq: plan.maxSeq, open: b.open }]);
      }
      for (const [b, next] of updates) Object.assign(b, next);
      return changes;
    },
    /** Forgets what is in memory (after a failed transaction); it is read again from the store. */
    reset(): void {
      boots.clear();
    },
  };
}
export type GapTracker = ReturnType<typeof createGapTracker>;
