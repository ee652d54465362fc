import { performance } from 'node:perf_hooks';

/** Batching limits; units in the names. */
export const defaultBatchLimits = {
  /** A queue this long is written at the next turn of the event loop, without waiting for the delay. */
  flushAtMessages: 200,
  /** The longest a message waits for companions before its transaction starts. */
  maxDelayMs: 5,
  /** Rows (samples) per transaction at most; a message is never split. A row costs ~50–100 µs on a small VM. */
  maxRowsPerTransaction: 500,
  /** A transaction takes no further message once it has run this long. */
  maxTransactionMs: 15,
  /**
   * Beyond this many waiting messages new ones are refused (the agents
   * send them again); it also bounds a full flush ({@link BatchWriter.flushAll}).
   */
  maxQueuedMessages: 10_000,
} as const;
export type BatchLimits = { [K in keyof typeof defaultBatchLimits]: number };

/** The transaction seam: `run` nests as a savepoint inside a running transaction (better-sqlite3). */
export interface Transactions {
  run<T>(fn: () => T): T;
  /** Whether a transaction is open (false after SQLite rolled the whole one back on its own). */
  active(): boolean;
}

export interface BatchWriterDeps<J, R> {
  transactions: Transactions;
  /** Writes one job inside the batch's transaction; throwing refuses only this job. */
  write(job: J): R;
  /** How many rows a job writes (its share of `maxRowsPerTransaction`). */
  rows(job: J): number;
  /** Every job of one committed batch, in order, with its result; only called after COMMIT. */
  committed(done: { job: J; result: R }[]): void;
  /** A job that could not be written (it was not committed). */
  failed(job: J, err: unknown): void;
  /** Something was rolled back: memory derived from writes must be dropped. */
  rolledBack(): void;
  /** A job refused because the queue is full. */
  overloaded(job: J): void;
  /** How long one batch took (transaction, fallback and callbacks), in seconds, and its size. */
  flushed(seconds: number, jobs: number): void;
  limits?: Partial<BatchLimits>;
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout' | 'setImmediate' | 'clearImmediate'>;
}

type Outcome<J, R> = { job: J; ok: true; result: R } | { job: J; ok: false; err: unknown };

/**
 * Queues jobs and writes them together: one transaction per batch instead
 * of one per job, then reports exactly what committed.
 *
 * 1. A job waits at most `maxDelayMs`, or less once `flushAtMessages` wait.
 * 2. One transaction takes jobs while under `maxRowsPerTransaction` rows
 *    and `maxTransactionMs`, so no flush holds the event loop long; the
 *    rest follow at the next turn (`setImmediate`).
 * 3. Each job runs in its own savepoint: a job that throws is rolled back
 *    alone and the others commit.
 * 4. If the transaction as a whole fails (e.g. COMMIT), every job of it is
 *    tried again in a transaction of its own; a job that fails then is
 *    reported failed, never committed.
 *
 * @example
 * const writer = createBatchWriter({ transactions, write: (m) => repo.add(m), rows: (m) => m.items.length, … });
 * writer.push(message);
 */
export function createBatchWriter<J, R>(deps: BatchWriterDeps<J, R>) {
  const limits: BatchLimits = { ...defaultBatchLimits, ...deps.limits };
  const timers = deps.timers ?? globalThis;
  const tx = deps.transactions;
  /** Arrival order; a job no longer in `pending` was written ahead ({@link writeNow}) and is skipped. */
  let queue: J[] = [];
  let head = 0;
  const pending = new Set<J>();
  let delayTimer: ReturnType<typeof setTimeout> | null = null;
  let immediate: ReturnType<typeof setImmediate> | null = null;

  /** The oldest pending job, if any. */
  function peek(): J | undefined {
    while (head < queue.length && !pending.has(queue[head] as J)) head++;
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    return head < queue.length ? queue[head] : undefined;
  }

  function writeOne(job: J): Outcome<J, R> {
    try {
      return { job, ok: true, result: tx.run(() => deps.write(job)) };
    } catch (err) {
      return { job, ok: false, err };
    }
  }

  /** Steps 2–3: one transaction, a savepoint per job; `next` hands out jobs until the batch is full. */
  function batch(next: (taken: number, rows: number) => J | undefined, taken: J[]): Outcome<J, R>[] {
    return tx.run(() => {
      const out: Outcome<J, R>[] = [];
      let rows = 0;
      for (let job = next(0, 0); job !== undefined; job = next(taken.length, rows)) {
        taken.push(job);
        rows += deps.rows(job);
        const o = writeOne(job);
        // SQLite ends the whole transaction on some errors (full disk, I/O): then step 4.
        if (!o.ok && !tx.active()) throw o.err;
        out.push(o);
      }
      return out;
    });
  }

  /** Writes what `next` hands out in one transaction (step 4 if it fails) and reports the outcome. */
  function write(next: (taken: number, rows: number) => J | undefined, rest: (taken: number) => J[]): void {
    const started = performance.now();
    const taken: J[] = [];
    let outcomes: Outcome<J, R>[];
    try {
      outcomes = batch(next, taken);
    } catch {
      deps.rolledBack();
      // Whatever was handed out is tried alone — and at least one job, so the queue always moves.
      taken.push(...rest(taken.length));
      outcomes = taken.map(writeOne);
    }
    if (outcomes.some((o) => !o.ok)) deps.rolledBack();
    const done: { job: J; result: R }[] = [];
    for (const o of outcomes) {
      if (o.ok) done.push({ job: o.job, result: o.result });
      else deps.failed(o.job, o.err);
    }
    if (done.length > 0) deps.committed(done);
    deps.flushed(elapsed(started) / 1000, outcomes.length);
  }

  /** Takes the oldest pending job while the batch has room (step 2). */
  function fromQueue(started: number) {
    return (taken: number, rows: number): J | undefined => {
      const job = peek();
      if (job === undefined) return undefined;
      const full =
        rows + deps.rows(job) > limits.maxRowsPerTransaction || elapsed(started) > limits.maxTransactionMs;
      if (taken > 0 && full) return undefined;
      pending.delete(job);
      return job;
    };
  }

  function flush(): void {
    cancel();
    if (pending.size === 0) return;
    const next = fromQueue(performance.now());
    write(next, (taken) => {
      const job = taken === 0 ? next(0, 0) : undefined;
      return job === undefined ? [] : [job];
    });
    if (pending.size > 0) immediate = timers.setImmediate(flush);
  }

  function cancel(): void {
    if (delayTimer !== null) timers.clearTimeout(delayTimer);
    if (immediate !== null) timers.clearImmediate(immediate);
    delayTimer = null;
    immediate = null;
  }

  return {
    /** Queues a job, to be written within `maxDelayMs`; false (and `overloaded`) when the queue is full. */
    push(job: J): boolean {
      if (pending.size >= limits.maxQueuedMessages) {
        deps.overloaded(job);
        return false;
      }
      queue.push(job);
      pending.add(job);
      if (immediate !== null) return true;
      if (pending.size >= limits.flushAtMessages) {
        if (delayTimer !== null) timers.clearTimeout(delayTimer);
        delayTimer = null;
        immediate = timers.setImmediate(flush);
      } else if (delayTimer === null) {
        delayTimer = timers.setTimeout(flush, limits.maxDelayMs);
      }
      return true;
    },
    /**
     * Writes these queued jobs now, ahead of the others, in one transaction
     * of their own (jobs no longer queued are ignored). Costs only what they
     * cost, however long the queue.
     */
    writeNow(jobs: Iterable<J>): void {
      const list = [...jobs].filter((j) => pending.delete(j));
      if (list.length === 0) return;
      let i = 0;
      // After a failed transaction, the jobs not handed out yet are tried alone too.
      write(
        () => list[i++],
        () => list.slice(i),
      );
    },
    /** Writes everything waiting now, batch after batch (for shutdown and tests). */
    flushAll(): void {
      while (pending.size > 0) flush();
      cancel();
    },
    /** Jobs waiting. */
    get waiting(): number {
      return pending.size;
    },
  };
}
export type BatchWriter<J, R> = ReturnType<typeof createBatchWriter<J, R>>;

const elapsed = (since: number) => performance.now() - since;
