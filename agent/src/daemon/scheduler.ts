import { performance } from 'node:perf_hooks';

export interface SchedulerOptions {
  /** Time between the starts of two rounds. */
  intervalMs: number;
  /** One round; a rejection is reported to `onError` and the schedule goes on. */
  round: () => Promise<void>;
  onError: (error: unknown) => void;
  /** Monotonic ms; injectable for tests. */
  now?: () => number;
}

/**
 * Runs rounds on a fixed cadence of a monotonic clock, never two at once.
 * Slots are `start + k·interval`, so the cadence does not drift with round
 * durations and does not jump with the wall clock (NTP); a round that
 * overruns skips the slots it missed instead of triggering a burst.
 *
 * @example
 * const scheduler = new RoundScheduler({ intervalMs: 10_000, round, onError });
 * scheduler.start(); // first round now
 * scheduler.runSoon(); // an extra round now, or right after the running one
 */
export class RoundScheduler {
  readonly #options: SchedulerOptions;
  readonly #now: () => number;
  #dueMs = 0;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #extra = false;
  #stopped = true;

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Starts the cadence with a round now. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#dueMs = this.#now();
    this.#arm();
  }

  /** Asks for an extra round (e.g. `check_now`) without moving the cadence. */
  runSoon(): void {
    if (this.#stopped) return;
    this.#extra = true;
    if (!this.#running) this.#arm();
  }

  /** Whether a round is running. */
  get busy(): boolean {
    return this.#running !== null;
  }

  /** Stops scheduling and waits for a running round to end. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #arm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#stopped || this.#running) return;
    const delay = this.#extra ? 0 : Math.max(0, this.#dueMs - this.#now());
    this.#timer = setTimeout(() => this.#run(), delay);
  }

  #run(): void {
    this.#timer = null;
    const now = this.#now();
    if (this.#extra) {
      this.#extra = false;
    } else {
      this.#dueMs += this.#options.intervalMs;
    }
    this.#running = this.#options
      .round()
      .catch((error) => this.#options.onError(error))
      .finally(() => {
        this.#running = null;
        this.#skipMissed(now);
        this.#arm();
      });
  }

  #skipMissed(startedMs: number): void {
    const now = Math.max(this.#now(), startedMs);
    if (this.#dueMs < now) {
      const missed = Math.ceil((now - this.#dueMs) / this.#options.intervalMs);
      this.#dueMs += missed * this.#options.intervalMs;
    }
  }
}
