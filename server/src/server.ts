import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { AgentDiagnosis } from '@linewatch/shared';
import type { Logger } from 'pino';
import { alertConfigFrom, createAlerts } from './alerts/index.js';
import { createApp } from './api/app.js';
import { ensureFirstAdmin, type FirstAdmin } from './auth/first-admin.js';
import { PortInUseError, startEmbeddedBroker } from './broker/embedded.js';
import type { Broker } from './broker/types.js';
import { createCommandDispatch } from './commands/dispatch.js';
import type { ServerConfig } from './config/schema.js';
import { type Clock, createDetector, systemClock } from './detector/detector.js';
import { createSilenceHold } from './detector/silence-hold.js';
import type { UplinkProbe } from './detector/uplink-probes.js';
import { incidentConfigFrom } from './incidents/config.js';
import { createIncidentProcessor, type IncidentProcessor } from './incidents/processor.js';
import { commandsTopic, createIngest, type Ingest } from './ingest/ingest.js';
import { createDetectionEvents } from './live/detection-events.js';
import { createIncidentEvents } from './live/incident-events.js';
import { createSiteEvents } from './live/site-events.js';
import { createMetrics } from './metrics.js';
import { createStore, openDb } from './store/index.js';
import { startLifecycle } from './store/lifecycle.js';
import { toSite } from './store/sites.js';
import { createTrendWatch } from './trends/watch.js';

/** How often the incidents' time-based steps run (resolve what stayed back, degraded for long), ms. */
const incidentTickMs = 5000;

/** A start-up failure told in one sentence. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export interface RunningServer {
  httpPort: number;
  mqttPort: number;
  firstAdmin: FirstAdmin | null;
  close(): Promise<void>;
}

const defaultDashboardDir = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

/**
 * Builds and starts the whole server: store, broker, ingest, detector and
 * HTTP API. No side effects at import; `main.ts` owns env and signals.
 *
 * @example
 * const server = await startServer(loadConfig(process.env), { log });
 * await server.close();
 */
export async function startServer(
  config: ServerConfig,
  opts: {
    log: Logger;
    clock?: Clock;
    dashboardDir?: string | null;
    /** How the server probes its own uplink (tests); TCP connects to `uplinkTargets` by default. */
    uplinkProbe?: UplinkProbe;
  },
): Promise<RunningServer> {
  const { log } = opts;
  const clock = opts.clock ?? systemClock;
  let alertConfig: ReturnType<typeof alertConfigFrom>;
  try {
    alertConfig = alertConfigFrom(config, `http://localhost:${config.httpPort}`);
  } catch (err) {
    throw new StartupError(
      `LINEWATCH_SMTP_URL / LINEWATCH_MAIL_FROM / LINEWATCH_ALERT_EMAIL: ${(err as Error).message}`,
    );
  }
  const store = createStore(openDb(join(config.dataDir, 'linewatch.db')));
  const incidentConfig = incidentConfigFrom(config);
  const alerts = createAlerts({
    store,
    grouping: incidentConfig.grouping,
    config: alertConfig,
    log: log.child({ part: 'alerts' }),
    now: () => clock.now(),
  });
  const metrics = createMetrics({ missingSamples: () => (store.db.open ? store.gaps.missing() : 0) });
  const siteEvents = createSiteEvents();
  const firstAdmin = await ensureFirstAdmin(
    store,
    { email: config.adminEmail, password: config.adminPassword },
    clock.now(),
  );

  const incidentEvents = createIncidentEvents(store);
  const incidents: IncidentProcessor = createIncidentProcessor({
    store,
    now: () => clock.now(),
    log,
    config: incidentConfig,
    onChange: (incidentId, opened) => incidentEvents.changed(incidentId, opened),
    onEvent: (event) => alerts.onEvent(event),
  });
  /** Incidents follow stored status changes; a failure there never stops detection. */
  const processIncidents = () => {
    try {
      incidents.process();
    } catch (err) {
      log.error({ err }, 'incident processing failed');
    }
  };

  // The server's own uplink: if it fails, every agent falls silent at once — that is not N outages.
  const detection = createDetectionEvents();
  const silenceHold = createSilenceHold({
    store,
    log,
    now: () => clock.now(),
    uplinkTargets: config.uplinkTargets,
    onDetectionChange: detection.set,
    ...(opts.uplinkProbe ? { probe: opts.uplinkProbe } : {}),
  });

  // Ingest and detector know each other through these two calls: ingest tells of hearing an agent,
  // the detector has ingest settle a site's queued messages before silence counts.
  let ingest: Ingest | null = null;
  const detector = createDetector({
    store,
    clock,
    log,
    thresholds: { confirmDelayMs: config.confirmDelaySeconds * 1000 },
    settle: (siteId) => ingest?.settle(siteId),
    holdSilence: silenceHold.holdSilence,
    onChange(siteId) {
      const row = store.sites.getById(siteId);
      if (!row) return;
      metrics.statusChanges.inc({ status: row.status });
      siteEvents.publish(row.org_id, toSite(row));
      processIncidents();
    },
  });

  /** How long an agent may stay quiet: its keepalive window or one interval, plus grace. */
  const silenceMs = (keepaliveSeconds: number | null, intervalSeconds: number | null) =>
    Math.max(1.5 * (keepaliveSeconds ?? 15), intervalSeconds ?? 10) * 1000 +
    config.silenceGraceSeconds * 1000;

  const heard = (agentId: string, diagnosis?: AgentDiagnosis) => {
    const agent = store.agents.get(agentId);
    if (!agent) return;
    const ms = silenceMs(agent.keepalive_seconds, agent.interval_seconds);
    detector.signal(agent.site_id, { type: 'heard', at: clock.now(), silenceMs: ms, diagnosis });
  };

  let broker: Broker | null = null;
  const commands = createCommandDispatch({
    store,
    log,
    now: () => clock.now(),
    send: (agentId, payload) =>
      broker ? broker.publish(commandsTopic(agentId), payload, { qos: 1 }) : Promise.resolve(),
    listening: (agentId) => broker?.isListening(agentId) ?? false,
  });
  ingest = createIngest({
    commandDone: (agentId, commandId) => commands.done(agentId, commandId),
    store,
    metrics,
    log,
    now: () => clock.now(),
    heard,
    rebooted: (siteId, bootedAt) => incidents.agentRebooted(siteId, bootedAt),
    replayed: (siteId) => incidents.reconcile(siteId),
    sendToAgent: (agentId, payload) =>
      broker ? broker.publish(commandsTopic(agentId), payload, { qos: 1 }) : Promise.resolve(),
  });
  const liveIngest = ingest;

  try {
    broker = await startEmbeddedBroker({
      host: config.host,
      port: config.mqttPort,
      store,
      metrics,
      log,
      events: {
        connected: (agentId) => {
          silenceHold.agentConnected(agentId);
          store.agents.setConnected(agentId, true);
          heard(agentId);
        },
        disconnected: (agentId, silentAlready) => {
          store.agents.setConnected(agentId, false);
          const agent = store.agents.get(agentId);
          if (!agent) return;
          silenceHold.agentLost(agentId, agent.site_id, silentAlready);
          // What the agent sent before the connection ended is heard first.
          liveIngest.settle(agent.site_id);
          detector.signal(agent.site_id, { type: 'disconnected', at: clock.now(), silentAlready });
        },
        listening: (agentId) => commands.deliverPending(agentId),
        pinged: heard,
        message: (topic, payload) => liveIngest.handle(topic, payload),
      },
    });
  } catch (err) {
    store.close();
    if (err instanceof PortInUseError) {
      throw new StartupError(
        `MQTT port ${err.port} is in use — set LINEWATCH_MQTT_PORT or LINEWATCH_BROKER_URL.`,
      );
    }
    throw err;
  }
  const mqttPort = broker.mqttPort;
  const publicMqtt = config.publicMqttUrl;

  const app = createApp({
    store,
    metrics,
    log,
    siteEvents,
    incidentEvents,
    detection,
    commands,
    config,
    now: () => clock.now(),
    alerts,
    incidentChanged: (incidentId) => {
      alerts.incidentChanged(incidentId);
      incidentEvents.changed(incidentId);
    },
    disconnectAgent: (agentId) => broker?.disconnect(agentId) ?? false,
    dashboardDir: opts.dashboardDir === undefined ? defaultDashboardDir : opts.dashboardDir,
    agentMqttUrl: (requestUrl) =>
      publicMqtt ?? `mqtt://${new URL(config.publicUrl ?? requestUrl).hostname}:${mqttPort}`,
  });

  let http: HttpServer;
  try {
    http = await listenHttp(app.fetch, config.httpPort, config.host);
  } catch (err) {
    await broker.close();
    store.close();
    if (err instanceof PortInUseError)
      throw new StartupError(`HTTP port ${err.port} is in use — set LINEWATCH_HTTP_PORT.`);
    throw err;
  }
  const liveBroker = broker;
  http.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === '/mqtt') liveBroker.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  const address = http.address();
  const httpPort = typeof address === 'object' && address ? address.port : config.httpPort;

  detector.start({ reconnectGraceMs: config.reconnectGraceSeconds * 1000 });
  if (!config.publicUrl) alerts.setPublicUrl(`http://localhost:${httpPort}`);
  alerts.start();
  // Status changes stored before a crash, not yet turned into incidents, are handled now.
  processIncidents();
  const incidentTimer = setInterval(() => {
    try {
      incidents.tick();
    } catch (err) {
      log.error({ err }, 'incident tick failed');
    }
  }, incidentTickMs).unref();
  const trends = createTrendWatch({
    store,
    clock,
    log,
    onChange(siteId) {
      const row = store.sites.getById(siteId);
      if (row) siteEvents.publish(row.org_id, toSite(row));
    },
  });
  trends.start();
  const lifecycle = startLifecycle({ db: store.db, clock, config, log });
  log.info({ httpPort, mqttPort }, 'linewatch server started');

  return {
    httpPort,
    mqttPort,
    firstAdmin,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      // Commit and acknowledge what is queued while the broker can still deliver acks; what arrives
      // while it closes is committed unacknowledged (the agents send it again); then the last-seen times.
      liveIngest.flush();
      await liveBroker.close();
      liveIngest.close();
      detector.stop();
      clearInterval(incidentTimer);
      silenceHold.stop();
      await trends.stop();
      await alerts.stop();
      await lifecycle.stop();
      store.close();
      log.info('linewatch server stopped');
    },
  };
}

function listenHttp(
  fetch: Parameters<typeof serve>[0]['fetch'],
  port: number,
  hostname: string,
): Promise<HttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }) as HttpServer;
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err),
    );
    server.once('listening', () => resolve(server));
  });
}
