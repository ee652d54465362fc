import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The server's Prometheus metrics, one registry per server instance so
 * tests can run several servers in one process.
 *
 * @example
 * const metrics = createMetrics();
 * metrics.ingestRejected.inc({ reason: 'invalid_json' });
 */
export function createMetrics() {
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
      help: 'Time to validate and commit one agent message',
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
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
