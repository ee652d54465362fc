import { Readable } from 'node:stream';

/** A retained message as aedes' persistence stores it. */
interface RetainedPacket {
  topic: string;
  payload: Buffer;
}

/** The two methods of aedes' persistence that retained messages go through. */
export interface RetainedStore {
  storeRetained(packet: RetainedPacket, cb?: (err: Error | null) => void): unknown;
  createRetainedStreamCombi(patterns: string[]): Readable;
}

const hasWildcard = (pattern: string) => pattern.includes('+') || pattern.includes('#');

/**
 * Answers a SUBSCRIBE's retained-message lookup from an index by topic.
 *
 * aedes' in-memory persistence tests every retained message against each
 * new subscription: O(retained) per SUBSCRIBE. Every agent leaves a
 * retained status (and its will replaces it), so when 10,000 agents
 * reconnect — after a server restart or an area outage — that is 10⁸
 * topic matches on the event loop, seconds of stall. Agents may only
 * subscribe to their own exact commands topic (access.ts), so an exact
 * topic is answered from the index; a wildcard still takes the full scan.
 * Retained messages are delivered exactly as before [MQTT-3.3.1-6].
 *
 * @example
 * indexRetained((aedes as unknown as { persistence: RetainedStore }).persistence);
 */
export function indexRetained(persistence: RetainedStore): void {
  const byTopic = new Map<string, RetainedPacket>();
  const store = persistence.storeRetained.bind(persistence);
  const scan = persistence.createRetainedStreamCombi.bind(persistence);
  persistence.storeRetained = (packet, cb) => {
    // An empty retained payload deletes the topic's retained message [MQTT-3.3.1-10].
    if (packet.payload.length === 0) byTopic.delete(packet.topic);
    else byTopic.set(packet.topic, { ...packet });
    return store(packet, cb);
  };
  persistence.createRetainedStreamCombi = (patterns) =>
    patterns.some(hasWildcard)
      ? scan(patterns)
      : Readable.from(patterns.flatMap((topic) => byTopic.get(topic) ?? []));
}

/** Whether an object has the shape {@link indexRetained} needs (aedes' persistence is untyped). */
export function isRetainedStore(p: unknown): p is RetainedStore {
  const o = p as Partial<RetainedStore> | null;
  return typeof o?.storeRetained === 'function' && typeof o.createRetainedStreamCombi === 'function';
}
