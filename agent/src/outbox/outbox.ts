import type { AgentEvent, Measurement } from '@linewatch/shared';

/** A sample waiting for the server's commit acknowledgement. */
export type OutboxItem = { kind: 'measurement'; sample: Measurement } | { kind: 'event'; sample: AgentEvent };

/**
 * A sample as the outbox hands it out: its identity, its place in the queue
 * (older samples have lower positions) and its JSON as stored. The JSON is
 * not parsed: the sender only forwards it, and a replay of 100,000 samples
 * should not build 100,000 objects.
 */
export interface QueuedItem {
  readonly kind: OutboxItem['kind'];
  readonly bootId: string;
  readonly seq: number;
  readonly position: number;
  readonly json: string;
}

/**
 * Which part of the queue to send from. At the start of a connection
 * ({@link Outbox.startConnection}) everything waiting is `backlog`; what is
 * added afterwards is `live`. The daemon sends live samples at once and
 * paces the backlog, so a day of it never holds back the current verdict.
 */
export type Stream = 'live' | 'backlog';

/** What {@link Outbox.due} is asked for. */
export interface DueQuery {
  /** The connection the samples will go out on. */
  connection: number;
  stream: Stream;
  /** Samples sent before this (monotonic ms) and still not acknowledged are due again. */
  staleBeforeMs: number;
  limit: number;
}

/**
 * Samples the server has not confirmed yet ({@link CommitAck}); only an
 * acknowledgement removes one. The MQTT PUBACK is not enough: the broker
 * sends it before the server has stored anything.
 *
 * Bounded: past its size the oldest measurements are dropped and counted;
 * events are kept (see {@link SqliteOutbox}). What was sent on which
 * connection is known only to the running process: after a restart every
 * unacknowledged sample is due again (ingest is idempotent).
 */
export interface Outbox {
  /** Adds a sample; when full, drops the oldest measurements and counts them. */
  add(item: OutboxItem): void;
  /**
   * Reports the samples dropped for room since the last report: when there
   * were any, adds `report(count)` and resets the count in one step (so a
   * crash neither loses the count nor reports it twice), and returns the
   * count; otherwise adds nothing and returns 0. If `report` throws, nothing
   * changes. The report never pushes a sample out (it may exceed the cap by
   * its own size until the next {@link add}).
   */
  reportDropped(report: (count: number) => OutboxItem): number;
  /** Forgets the acknowledged samples of boot `bootId` (any boot); returns how many it knew. */
  ack(bootId: string, seqs: readonly number[]): number;
  /**
   * Starts sending on a new connection: nothing counts as sent any more,
   * what waits now is the `backlog`, what is added from now on is `live`.
   */
  startConnection(connection: number): void;
  /**
   * Up to `limit` samples of one stream to send, oldest first: those sent
   * before `staleBeforeMs` and still not acknowledged, else those not sent
   * on this connection yet. Empty for any connection but the current one.
   */
  due(query: DueQuery): QueuedItem[];
  /** Records that these samples (from {@link due}) went out on `connection` at `atMs` (monotonic). */
  markSent(items: readonly QueuedItem[], connection: number, atMs: number): void;
  /** Samples waiting. */
  readonly size: number;
  /** Releases the storage; the outbox is unusable afterwards. */
  close(): void;
}
