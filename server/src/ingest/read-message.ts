import {
  type AgentTopicKind,
  agentMessageSchemas,
  maxPayloadBytes,
  parseAgentTopic,
} from '@linewatch/shared';
import type { Store } from '../store/index.js';
import type { Origin } from '../store/measurements.js';

/** The topics agents publish on. */
export type IngestKind = Exclude<AgentTopicKind, 'commands'>;
export type IngestMessage<K extends IngestKind> = ReturnType<(typeof agentMessageSchemas)[K]['parse']>;

export type ReadResult =
  /** Not an agent's publishing topic: nothing to do. */
  | { outcome: 'ignored' }
  /** To be quarantined, with the reason and what was wrong. */
  | { outcome: 'rejected'; origin: Partial<Origin>; reason: string; detail: string }
  | { outcome: 'valid'; kind: IngestKind; origin: Origin; msg: IngestMessage<IngestKind> };

/**
 * Steps 1–4 of ingest, checking one MQTT message from the outside in:
 * topic → known agent, size, JSON, the topic's schema.
 *
 * @example
 * const read = readAgentMessage(store, topic, payload, Date.now());
 * if (read.outcome === 'valid') queue(read);
 */
export function readAgentMessage(store: Store, topic: string, payload: Buffer, now: number): ReadResult {
  const parsed = parseAgentTopic(topic);
  if (!parsed || parsed.kind === 'commands') return { outcome: 'ignored' };
  const agent = store.agents.get(parsed.agentId);
  if (!agent) return { outcome: 'rejected', origin: {}, reason: 'unknown_agent', detail: parsed.agentId };
  const origin: Origin = { orgId: agent.org_id, siteId: agent.site_id, agentId: agent.id, receivedAt: now };
  if (payload.length > maxPayloadBytes)
    return { outcome: 'rejected', origin, reason: 'too_large', detail: `${payload.length} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return { outcome: 'rejected', origin, reason: 'invalid_json', detail: (err as Error).message };
  }
  const kind = parsed.kind;
  const result = agentMessageSchemas[kind].safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return {
      outcome: 'rejected',
      origin,
      reason: 'invalid_schema',
      detail: `${issue?.path.join('.')}: ${issue?.message}`,
    };
  }
  return { outcome: 'valid', kind, origin, msg: result.data };
}
