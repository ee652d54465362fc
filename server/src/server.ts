import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { AgentDiagnosis } from '@linewatch/shared';
import type { Logger } from 'pino';
import { createApp } from './api/app.js';
import { ensureFirstAdmin, type FirstAdmin } from './auth/first-admin.js';
import { PortInUseError, startEmbeddedBroker } from './broker/embedded.js';
import type { Broker } from './broker/types.js';
import { createCommandDispatch } from './commands/dispatch.js';
import type { ServerConfig } from './config/schema.js';
import { type Clock, createDetector, systemClock } from './detector/detector.js';
import { commandsTopic, createIngest } from './ingest/ingest.js';
import { createSiteEvents } from './live/site-events.js';
import { createMetrics } from './metrics.js';
import { createStore, openDb } from './store/index.js';
import { startLifecycle } from './store/lifecycle.js';
import { toSite } from './store/sites.js';

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
  opts: { log: Logger; clock?: Clock; dashboardDir?: string | null },
): Promise<RunningServer> {
  const { log } = opts;
  const clock = opts.clock ?? systemClock;
  const store = createStore(openDb(join(config.dataDir, 'linewatch.db')));
  const metrics = createMetrics();
  const siteEvents = createSiteEvents();
  const firstAdmin = await ensureFirstAdmin(
    store,
    { email: config.adminEmail, password: config.adminPassword },
    clock.now(),
  );

  const detector = createDetector({
    store,
    clock,
    log,
    thresholds: { confirmDelayMs: config.confirmDelaySeconds * 1000 },
    onChange(siteId) {
      const row = store.sites.getById(siteId);
      if (!row) return;
      metrics.statusChanges.inc({ status: row.status });
      siteEvents.publish(row.org_id, toSite(row));
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
  const ingest = createIngest({
    commandDone: (agentId, commandId) => commands.done(agentId, commandId),
    store,
    metrics,
    log,
    now: () => clock.now(),
    heard,
    sendToAgent: (agentId, payload) =>
      broker ? broker.publish(commandsTopic(agentId), payload, { qos: 1 }) : Promise.resolve(),
  });

  try {
    broker = await startEmbeddedBroker({
      host: config.host,
      port: config.mqttPort,
      store,
      metrics,
      log,
      events: {
        connected: (agentId) => {
          store.agents.setConnected(agentId, true);
          heard(agentId);
        },
        disconnected: (agentId, silentAlready) => {
          store.agents.setConnected(agentId, false);
          const agent = store.agents.get(agentId);
          if (agent) detector.signal(agent.site_id, { type: 'disconnected', at: clock.now(), silentAlready });
        },
        listening: (agentId) => commands.deliverPending(agentId),
        pinged: heard,
        message: (topic, payload) => ingest.handle(topic, payload),
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
    commands,
    config,
    now: () => clock.now(),
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
  const lifecycle = startLifecycle({ db: store.db, clock, config, log });
  log.info({ httpPort, mqttPort }, 'linewatch server started');

  return {
    httpPort,
    mqttPort,
    firstAdmin,
    async close() {
      detector.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await liveBroker.close();
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
