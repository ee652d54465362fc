import type { OutboxSettings } from '@linewatch/shared';
import type { Logger } from 'pino';
import { errorText } from '../errors.js';
import { firstBatch, maxItemsPerBatch, ReplayPace } from '../transport/batches.js';
import type { MqttTransport } from '../transport/mqtt.js';
import type { Outbox, OutboxItem, QueuedItem, Stream } from './outbox.js';

/**
 * Samples sent but not acknowledged for this long are sent again on the same
 * connection: the server may have restarted behind a broker that stayed up.
 * Ingest is idempotent, so a repeat costs only bandwidth.
 */
export const resendAfterMs = 5 * 60_000;

export interface SenderDeps {
  outbox: Outbox;
  transport: Pick<MqttTransport, 'publish' | 'ready' | 'connection'>;
  settings: Pick<OutboxSettings, 'replayBatchesPerSecond' | 'replayBatchSize'>;
  /** Monotonic ms. */
  monoMs: () => number;
  logger: Logger;
  /** The `outbox_dropped` event for `count` samples (it takes a sequence number). */
  dropReport: (count: number) => OutboxItem;
}

/**
 * Sends what waits in the outbox, one batch at a time, one pump at a time:
 *
 * 1. reports samples dropped for room (an `outbox_dropped` event);
 * 2. live samples (taken on this connection) and their stale re-sends, at
 *    once, so the current verdict is never stuck behind a backlog;
 * 3. else the backlog, oldest first, in batches of `replayBatchSize`, at
 *    most `replayBatchesPerSecond` full batches' worth of samples a second
 *    ({@link ReplayPace}, monotonic clock), or a timer for when the pace
 *    allows the next. A day offline at 10 s is 8,640 samples: ~45 s at the
 *    defaults (2 × 100 a second).
 *
 * @example
 * const sender = new OutboxSender({ outbox, transport, settings, monoMs, logger, dropReport });
 * transportOptions.onConnect = (connection) => sender.connected(connection);
 * void sender.pump(); // after each new sample
 */
export class OutboxSender {
  readonly #d: SenderDeps;
  readonly #pace: ReplayPace;
  #pumping = false;
  #pumpAgain = false;
  /** Wakes the pump when the next backlog batch may go. */
  #timer: NodeJS.Timeout | null = null;

  constructor(deps: SenderDeps) {
    this.#d = deps;
    this.#pace = new ReplayPace(deps.settings.replayBatchesPerSecond, deps.settings.replayBatchSize);
  }

  /** A new connection: what waits now is the backlog. */
  connected(connection: number): void {
    this.#d.outbox.startConnection(connection);
    this.#d.logger.info({ pending: this.#d.outbox.size }, 'sending what waits in the outbox');
    void this.pump();
  }

  /** Sends what is due while connected; never rejects. */
  async pump(): Promise<void> {
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#pumpAgain = false;
        this.#reportDropped();
        await this.#sendDue();
      } while (this.#pumpAgain && this.#d.transport.ready);
    } catch (error) {
      // The outbox failed (a disk error): the next sample or reconnect tries again.
      this.#d.logger.error({ err: errorText(error) }, 'outbox not readable; sending paused');
    } finally {
      this.#pumping = false;
    }
  }

  /** Stops the pacing timer. */
  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #reportDropped(): void {
    const { outbox, logger, transport } = this.#d;
    if (!transport.ready) return;
    let report: OutboxItem | undefined;
    try {
      const count = outbox.reportDropped((n) => {
        report = this.#d.dropReport(n);
        return report;
      });
      if (count === 0 || !report) return;
      logger.warn({ dropped: count }, 'outbox was full: oldest measurements dropped');
      const { bootId, seq } = report.sample;
      logger.debug({ bootId, seq, kind: 'outbox_dropped' }, 'sample queued');
    } catch (error) {
      logger.error({ err: errorText(error) }, 'outbox_dropped event not recorded');
    }
  }

  async #sendDue(): Promise<void> {
    const { outbox, transport, monoMs, logger, settings } = this.#d;
    while (transport.ready) {
      const connection = transport.connection;
      const due = (stream: Stream, limit: number) => {
        const staleBeforeMs = monoMs() - resendAfterMs;
        return firstBatch(outbox.due({ connection, stream, staleBeforeMs, limit }), {
          maxItems: limit,
          replay: stream === 'backlog',
          backlog: outbox.size,
        });
      };
      let batch = due('live', maxItemsPerBatch);
      const backlog = !batch;
      if (backlog) {
        const waitMs = this.#pace.waitMs(monoMs());
        if (waitMs > 0) {
          this.#wakeIn(waitMs);
          return;
        }
        batch = due('backlog', settings.replayBatchSize);
      }
      if (!batch) return;
      try {
        await transport.publish(batch.topic, batch.payload);
      } catch (error) {
        logger.debug({ err: errorText(error) }, 'batch not sent; will be sent again after reconnecting');
        return;
      }
      if (backlog) this.#pace.sent(monoMs(), batch.items.length);
      outbox.markSent(batch.items, connection, monoMs());
      logPublished(logger, batch.topic, batch.items, backlog);
    }
  }

  #wakeIn(ms: number): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.pump();
    }, Math.ceil(ms));
  }
}

/** One debug line per boot id in a batch the broker acknowledged (PUBACK). */
function logPublished(logger: Logger, topic: string, items: readonly QueuedItem[], backlog: boolean): void {
  if (!logger.isLevelEnabled('debug')) return;
  const byBoot = new Map<string, number[]>();
  for (const { bootId, seq } of items) byBoot.set(bootId, [...(byBoot.get(bootId) ?? []), seq]);
  for (const [bootId, seqs] of byBoot) logger.debug({ topic, bootId, seqs, backlog }, 'batch published');
}
