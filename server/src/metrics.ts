import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The server's Prometheus metrics, one registry per server instance so
 * tests can run several servers in one process.
 *
 * @example
 * const metrics = createMetrics();
 * metrics.ingestRejected.inc({ reason: 'invalid_json' });
 */
export function createMetrics(sources: { missingSamples?: () => number } = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'linewatch_' });
  const m = {
    registry,
    connectedAgents: new Gauge({
      name: 'linewatch_mqtt_connected_agents',
      help: 'Agents connected to the embedded broker',
      registers: [registry],
    }),
    mqttRefused: new Counter({
      name: 'linewatch_mqtt_refused_total',
      help: 'MQTT operations the broker refused, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    ingestMessages: new Counter({
      name: 'linewatch_ingest_messages_total',
      help: 'Agent messages accepted by ingest, by topic kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    ingestRejected: new Counter({
      name: 'linewatch_ingest_rejected_total',
      help: 'Agent messages ingest refused and quarantined, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    samplesStored: new Counter({
      name: 'linewatch_samples_stored_total',
      help: 'Measurements and events stored',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    samplesDuplicate: new Counter({
      name: 'linewatch_samples_duplicate_total',
      help: 'Measurements and events received again and ignored (same agent, boot id and seq)',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    ingestSeconds: new Histogram({
      name: 'linewatch_ingest_duration_seconds',
      help: 'Time from receiving an agent message to its commit: validation, queueing and the batched transaction',
      buckets: [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    ingestFlushSeconds: new Histogram({
      name: 'linewatch_ingest_flush_seconds',
      help: 'Time of one batched ingest write: its transaction, any per-message retry and the acknowledgements',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    ingestFlushMaxSeconds: new Gauge({
      name: 'linewatch_ingest_flush_max_seconds',
      help: 'The longest batched ingest write since the server started',
      registers: [registry],
    }),
    ingestGaps: new Counter({
      name: 'linewatch_ingest_gaps_total',
      help: "Holes found in agents' sequence numbers (samples taken but not received)",
      registers: [registry],
    }),
    ingestGapsClosed: new Counter({
      name: 'linewatch_ingest_gaps_closed_total',
      help: 'Sequence gaps closed, by why: arrived (late, e.g. replayed backlog), reported (the agent dropped them), skipped (never taken: an agent restart)',
      labelNames: ['by'] as const,
      registers: [registry],
    }),
    ingestMissingSamples: new Gauge({
      name: 'linewatch_ingest_missing_samples',
      help: 'Samples in open sequence gaps: neither received nor reported dropped by their agent',
      registers: [registry],
      collect() {
        if (sources.missingSamples) this.set(sources.missingSamples());
      },
    }),
    ingestReportedDropped: new Counter({
      name: 'linewatch_ingest_reported_dropped_total',
      help: 'Samples agents reported they dropped (outbox full while offline)',
      registers: [registry],
    }),
    statusChanges: new Counter({
      name: 'linewatch_site_status_changes_total',
      help: 'Site status transitions, by new status',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
  };
  return m;
}
export type Metrics = ReturnType<typeof createMetrics>;
