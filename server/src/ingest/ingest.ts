import { performance } from 'node:perf_hooks';
import {
  type AgentDiagnosis,
  type AgentStatusMessage,
  agentTopic,
  type EventBatch,
  type MeasurementBatch,
} from '@linewatch/shared';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/index.js';
import type { Origin } from '../store/measurements.js';
import { backlogKeeper } from './backlog.js';
import { type BatchLimits, createBatchWriter } from './batch-writer.js';
import { commitAcks } from './commit-acks.js';
import { createGapTracker, type GapChanges, noGapChanges } from './gaps.js';
import { type IngestKind, type IngestMessage, readAgentMessage } from './read-message.js';

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
  /** A site's agent came back with a new boot (after commit). */
  rebooted?(siteId: string, bootedAt: number): void;
  /** Backlog of a site was stored: samples recorded while cut off (after commit). */
  replayed?(siteId: string): void;
  /** Batching limits (tests shrink them). */
  limits?: Partial<BatchLimits>;
}

type Kind = IngestKind;
type Message<K extends Kind> = IngestMessage<K>;

/** A validated message waiting for its transaction. */
interface Job<K extends Kind = Kind> {
  kind: K;
  origin: Origin;
  msg: Message<K>;
  /** When it arrived (performance.now(), ms). */
  arrived: number;
}

/** What writing a message did. */
interface Written {
  inserted: number;
  newestT: number;
  gaps: GapChanges;
  /** A status message that announced a new boot of a known agent. */
  newBoot?: boolean;
}

type Handlers = {
  [K in Kind]: {
    /** Inside the batch's transaction. */
    write(origin: Origin, msg: Message<K>): Written;
    /** After COMMIT, once the message is acknowledged. */
    committed(origin: Origin, msg: Message<K>, w: Written): void;
  };
};

/**
 * Validates and stores what agents publish. A bad payload is counted,
 * logged and quarantined — never a reason to disconnect the agent (with
 * MQTT 3.1.1 a refused publish closes the connection, and the agent would
 * reconnect and send it again, forever).
 *
 * Order per message: 1. topic → agent; 2. size; 3. JSON; 4. schema;
 * 5. queue; 6. commit with the other queued messages in one transaction
 * (see {@link createBatchWriter}), its sequence gaps with it
 * ({@link createGapTracker}); 7. acknowledge each committed message;
 * 8. tell the detector the agent was heard.
 */
export function createIngest(deps: IngestDeps) {
  const { store, metrics, log } = deps;
  const tracker = createGapTracker(store.gaps);
  const backlog = backlogKeeper(store);
  let closed = false;
  let longestFlush = 0;
  /** Per site, the time of the newest sample whose verdict was applied as live. */
  const newestApplied = new Map<string, number>();
  /** Queued messages per site, so {@link settle} writes just those. */
  const queued = new Map<string, Set<Job>>();
  const dequeued = (job: Job) => {
    const jobs = queued.get(job.origin.siteId);
    jobs?.delete(job);
    if (jobs?.size === 0) queued.delete(job.origin.siteId);
  };

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

  function countGaps(g: GapChanges): void {
    if (g.opened) metrics.ingestGaps.inc(g.opened);
    for (const [by, n] of Object.entries(g.closed)) if (n) metrics.ingestGapsClosed.inc({ by }, n);
    if (g.reported) metrics.ingestReportedDropped.inc(g.reported);
  }

  /** Step 7: a CommitAck per boot of the message's samples. */
  function acknowledge(agentId: string, items: readonly { bootId: string; seq: number }[]) {
    for (const ack of commitAcks(items)) {
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
    if (batch.replay || origin.receivedAt - newestT > 120_000) return undefined;
    // The agent sends new samples before its backlog: a batch older than a verdict already
    // applied is backlog, however recent, and must not turn the site back to what it was.
    if (newestT <= (newestApplied.get(origin.siteId) ?? Number.NEGATIVE_INFINITY)) return undefined;
    newestApplied.set(origin.siteId, newestT);
    return newest.diagnosis;
  };

  const handlers: Handlers = {
    status: {
      write(origin, msg: AgentStatusMessage) {
        let newBoot = false;
        if (msg.state === 'online') {
          const before = store.agents.get(origin.agentId)?.boot_id ?? null;
          newBoot = before !== null && before !== msg.bootId;
          store.agents.recordStatus(origin.agentId, {
            bootId: msg.bootId,
            bootedAt: Date.parse(msg.bootedAt),
            keepaliveSeconds: msg.keepaliveSeconds,
            intervalSeconds: msg.intervalSeconds,
            agentVersion: msg.agentVersion,
          });
        }
        // `offline` (a last will or a clean shutdown) is handled from the broker's connection events.
        return { inserted: 0, newestT: 0, gaps: noGapChanges(), newBoot };
      },
      committed(origin, msg, w) {
        if (msg.state !== 'online') return;
        deps.heard(origin.agentId);
        if (w.newBoot) deps.rebooted?.(origin.siteId, Date.parse(msg.bootedAt));
      },
    },
    measurements: {
      write(origin, batch: MeasurementBatch) {
        backlog.write(origin.agentId, batch.backlog, origin.receivedAt);
        const samples = batch.items.map((m) => ({
          bootId: m.bootId,
          seq: m.seq,
          kind: 'measurement' as const,
        }));
        const gaps = tracker.observe(origin, samples, origin.receivedAt);
        return { ...store.measurements.writeBatch(origin, batch.items), gaps };
      },
      committed(origin, batch, w) {
        backlog.committed(origin.agentId, batch.backlog);
        metrics.samplesStored.inc({ kind: 'measurement' }, w.inserted);
        metrics.samplesDuplicate.inc({ kind: 'measurement' }, batch.items.length - w.inserted);
        const live = liveDiagnosis(origin, batch, w.newestT);
        deps.heard(origin.agentId, live);
        if (!live && w.inserted > 0) deps.replayed?.(origin.siteId);
      },
    },
    events: {
      write(origin, batch: EventBatch) {
        backlog.write(origin.agentId, batch.backlog, origin.receivedAt);
        const gaps = tracker.observe(origin, batch.items, origin.receivedAt);
        return { inserted: store.measurements.writeEvents(origin, batch.items), newestT: 0, gaps };
      },
      committed(origin, batch, w) {
        backlog.committed(origin.agentId, batch.backlog);
        metrics.samplesStored.inc({ kind: 'event' }, w.inserted);
        metrics.samplesDuplicate.inc({ kind: 'event' }, batch.items.length - w.inserted);
        for (const e of batch.items) {
          if (e.kind === 'command_done' && typeof e.data.id === 'string')
            deps.commandDone(origin.agentId, e.data.id);
        }
        deps.heard(origin.agentId);
      },
    },
  };
  const handlerOf = (job: Job) =>
    handlers[job.kind] as Handlers[Kind] & {
      write(o: Origin, m: unknown): Written;
      committed(o: Origin, m: unknown, w: Written): void;
    };

  const writer = createBatchWriter<Job, Written>({
    transactions: { run: (fn) => store.tx(fn), active: () => store.db.inTransaction },
    write: (job) => handlerOf(job).write(job.origin, job.msg),
    rows: (job) => (job.kind === 'status' ? 1 : (job.msg as MeasurementBatch | EventBatch).items.length),
    committed(done) {
      const now = performance.now();
      for (const { job, result } of done) {
        dequeued(job);
        metrics.ingestMessages.inc({ kind: job.kind });
        metrics.ingestSeconds.observe((now - job.arrived) / 1000);
        countGaps(result.gaps);
        // After a shutdown the broker is gone; the agents send again what they did not hear acknowledged.
        if (job.kind !== 'status' && !closed)
          acknowledge(job.origin.agentId, (job.msg as MeasurementBatch | EventBatch).items);
      }
      for (const { job, result } of done) {
        try {
          handlerOf(job).committed(job.origin, job.msg, result);
        } catch (err) {
          log.error({ agentId: job.origin.agentId, err }, 'after-commit step failed');
        }
      }
    },
    failed(job, err) {
      dequeued(job);
      metrics.ingestRejected.inc({ reason: 'store_error' });
      log.error({ agentId: job.origin.agentId, kind: job.kind, err }, 'agent message not stored');
    },
    rolledBack: () => tracker.reset(),
    overloaded(job) {
      metrics.ingestRejected.inc({ reason: 'overloaded' });
      log.debug(
        { agentId: job.origin.agentId },
        'ingest queue full: message refused, the agent sends it again',
      );
    },
    flushed(seconds) {
      metrics.ingestFlushSeconds.observe(seconds);
      if (seconds > longestFlush) {
        longestFlush = seconds;
        metrics.ingestFlushMaxSeconds.set(seconds);
      }
    },
    ...(deps.limits ? { limits: deps.limits } : {}),
  });

  return {
    /** Handles one MQTT message on an agent topic (steps 1–5). Never throws. */
    handle(topic: string, payload: Buffer): void {
      if (closed) return;
      const arrived = performance.now();
      const read = readAgentMessage(store, topic, payload, deps.now());
      if (read.outcome === 'ignored') return;
      if (read.outcome === 'rejected') {
        reject(read.origin, topic, read.reason, read.detail, payload);
        return;
      }
      const { kind, origin, msg } = read;
      const job = { kind, origin, msg, arrived } as Job;
      if (!writer.push(job)) return;
      const jobs = queued.get(origin.siteId);
      if (jobs) jobs.add(job);
      else queued.set(origin.siteId, new Set([job]));
    },
    /**
     * Commits the messages of `siteId` still queued, ahead of the others,
     * so that the detector hears them before it learns of what happened
     * after them: call before a lost connection or a silence deadline
     * counts. Costs nothing for a site with none queued.
     */
    settle(siteId: string): void {
      const jobs = queued.get(siteId);
      if (jobs) writer.writeNow(jobs);
    },
    /** Commits everything queued now (tests; shutdown uses {@link close}). */
    flush: () => writer.flushAll(),
    /** Messages waiting for their transaction. */
    get waiting() {
      return writer.waiting;
    },
    /** Commits what is queued without acknowledging it (the broker is closed) and takes no more. */
    close(): void {
      closed = true;
      writer.flushAll();
    },
  };
}
export type Ingest = ReturnType<typeof createIngest>;

/** The commands topic of an agent. */
export const commandsTopic = (agentId: string) => agentTopic(agentId, 'commands');
