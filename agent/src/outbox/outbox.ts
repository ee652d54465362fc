import type { AgentEvent, Measurement } from '@linewatch/shared';

/** A sample waiting for the server's commit acknowledgement. */
export type OutboxItem = { kind: 'measurement'; sample: Measurement } | { kind: 'event'; sample: AgentEvent };

/**
 * Samples the server has not confirmed yet ({@link CommitAck}); only an
 * acknowledgement removes one. The MQTT PUBACK is not enough: the broker
 * sends it before the server has stored anything.
 *
 * Kept in memory for now ({@link MemoryOutbox}); a later version adds an
 * on-disk outbox behind this same interface so samples survive restarts.
 */
export interface Outbox {
  /** Adds a sample; when full, drops the oldest and counts it. */
  add(item: OutboxItem): void;
  /** Forgets the acknowledged samples; returns how many it knew. */
  ack(bootId: string, seqs: readonly number[]): number;
  /**
   * Up to `limit` samples to send, oldest first: those not yet sent on
   * `connection`, and those sent before `staleBeforeMs` (monotonic) and
   * still not acknowledged.
   */
  due(connection: number, staleBeforeMs: number, limit: number): OutboxItem[];
  /** Records that these samples went out on `connection` at `atMs` (monotonic). */
  markSent(items: readonly OutboxItem[], connection: number, atMs: number): void;
  /** Samples waiting. */
  readonly size: number;
  /** Samples dropped for room since the last call; resets the count. */
  takeDropped(): number;
}

/** The identity of a sample: (bootId, seq) is unique per agent. */
export function sampleKey(item: OutboxItem): string {
  return `${item.sample.bootId}/${item.sample.seq}`;
}
