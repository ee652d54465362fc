import {
  type AgentDiagnosis,
  type AgentStatusMessage,
  type AgentTopicKind,
  agentMessageSchemas,
  agentTopic,
  type CommitAck,
  type EventBatch,
  type MeasurementBatch,
  maxPayloadBytes,
  parseAgentTopic,
  protocolVersion,
} from '@linewatch/shared';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/index.js';
import type { Origin } from '../store/measurements.js';

export interface IngestDeps {
  store: Store;
  metrics: Metrics;
  log: Logger;
  now(): number;
  /** Sends a message to one agent's commands topic. */
  sendToAgent(agentId: string, payload: string): Promise<void>;
  /** The agent was heard; `diagnosis` when it reported a live verdict. */
  heard(agentId: string, diagnosis?: AgentDiagnosis): void;
  /** The agent reports a command done. */
  commandDone(agentId: string, commandId: string): void;
}

type Handlers = {
  [K in keyof typeof agentMessageSchemas]: (
    origin: Origin,
    msg: ReturnType<(typeof agentMessageSchemas)[K]['parse']>,
  ) => void;
};

/**
 * Validates and stores what agents publish. A bad payload is counted,
 * logged and quarantined — never a reason to disconnect the agent (with
 * MQTT 3.1.1 a refused publish closes the connection, and the agent would
 * reconnect and send it again, forever).
 *
 * Order per message: 1. topic → agent; 2. size; 3. JSON; 4. schema;
 * 5. commit in one transaction; 6. acknowledge what is committed.
 */
export function createIngest(deps: IngestDeps) {
  const { store, metrics, log } = deps;

  function reject(origin: Partial<Origin>, topic: string, reason: string, detail: string, payload: Buffer) {
    metrics.ingestRejected.inc({ reason });
    log.warn({ agentId: origin.agentId, topic, reason, detail }, 'agent message quarantined');
    store.quarantine.add(
      {
        orgId: origin.orgId ?? null,
        agentId: origin.agentId ?? null,
        topic,
        reason: `${reason}: ${detail}`,
        payload,
      },
      deps.now(),
    );
  }

  function acknowledge(agentId: string, items: { bootId: string; seq: number }[]) {
    const byBoot = new Map<string, number[]>();
    for (const i of items) byBoot.set(i.bootId, [...(byBoot.get(i.bootId) ?? []), i.seq]);
    for (const [bootId, seqs] of byBoot) {
      const ack: CommitAck = { v: protocolVersion, type: 'ack', bootId, seqs };
      deps
        .sendToAgent(agentId, JSON.stringify(ack))
        .catch((err: Error) => log.error({ agentId, err }, 'ack not sent'));
    }
  }

  /**
   * A verdict is live when its sample is recent on the server's clock
   * (dated from the agent's monotonic time, not its wall clock): replayed
   * backlog must not set the current status.
   */
  const liveDiagnosis = (
    origin: Origin,
    batch: MeasurementBatch,
    newestT: number,
  ): AgentDiagnosis | undefined => {
    const newest = batch.items.reduce((a, b) => (b.seq > a.seq ? b : a));
    return origin.receivedAt - newestT <= 120_000 ? newest.diagnosis : undefined;
  };

  const handlers: Handlers = {
    status(origin, msg: AgentStatusMessage) {
      if (msg.state === 'online') {
        store.agents.recordStatus(origin.agentId, {
          bootId: msg.bootId,
          bootedAt: Date.parse(msg.bootedAt),
          keepaliveSeconds: msg.keepaliveSeconds,
          intervalSeconds: msg.intervalSeconds,
          agentVersion: msg.agentVersion,
        });
        deps.heard(origin.agentId);
      }
      // `offline` (a last will or a clean shutdown) is handled from the broker's connection events.
    },
    measurements(origin, batch: MeasurementBatch) {
      const { inserted, newestT } = store.measurements.insertBatch(origin, batch.items);
      metrics.samplesStored.inc({ kind: 'measurement' }, inserted);
      metrics.samplesDuplicate.inc({ kind: 'measurement' }, batch.items.length - inserted);
      acknowledge(origin.agentId, batch.items);
      deps.heard(origin.agentId, liveDiagnosis(origin, batch, newestT));
    },
    events(origin, batch: EventBatch) {
      const inserted = store.measurements.insertEvents(origin, batch.items);
      metrics.samplesStored.inc({ kind: 'event' }, inserted);
      metrics.samplesDuplicate.inc({ kind: 'event' }, batch.items.length - inserted);
      acknowledge(origin.agentId, batch.items);
      for (const e of batch.items) {
        if (e.kind === 'command_done' && typeof e.data.id === 'string')
          deps.commandDone(origin.agentId, e.data.id);
      }
      deps.heard(origin.agentId);
    },
  };

  return {
    /** Handles one MQTT message on an agent topic. Never throws. */
    handle(topic: string, payload: Buffer): void {
      const parsed = parseAgentTopic(topic);
      if (!parsed || parsed.kind === 'commands') return;
      const agent = store.agents.get(parsed.agentId);
      if (!agent) {
        reject({}, topic, 'unknown_agent', parsed.agentId, payload);
        return;
      }
      const origin: Origin = {
        orgId: agent.org_id,
        siteId: agent.site_id,
        agentId: agent.id,
        receivedAt: deps.now(),
      };
      if (payload.length > maxPayloadBytes) {
        reject(origin, topic, 'too_large', `${payload.length} bytes`, payload);
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(payload.toString('utf8'));
      } catch (err) {
        reject(origin, topic, 'invalid_json', (err as Error).message, payload);
        return;
      }
      const kind = parsed.kind as Exclude<AgentTopicKind, 'commands'>;
      const result = agentMessageSchemas[kind].safeParse(json);
      if (!result.success) {
        const issue = result.error.issues[0];
        reject(origin, topic, 'invalid_schema', `${issue?.path.join('.')}: ${issue?.message}`, payload);
        return;
      }
      const end = metrics.ingestSeconds.startTimer();
      try {
        (handlers[kind] as (o: Origin, m: unknown) => void)(origin, result.data);
        metrics.ingestMessages.inc({ kind });
      } catch (err) {
        metrics.ingestRejected.inc({ reason: 'store_error' });
        log.error({ agentId: agent.id, topic, err }, 'agent message not stored');
      } finally {
        end();
      }
    },
  };
}
export type Ingest = ReturnType<typeof createIngest>;

/** The commands topic of an agent. */
export const commandsTopic = (agentId: string) => agentTopic(agentId, 'commands');
