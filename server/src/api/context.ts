import type { OpenAPIHono } from '@hono/zod-openapi';
import type { User } from '@linewatch/shared';
import type { Logger } from 'pino';
import type { Alerts } from '../alerts/index.js';
import type { CommandDispatch } from '../commands/dispatch.js';
import type { ServerConfig } from '../config/schema.js';
import type { DetectionEvents } from '../live/detection-events.js';
import type { IncidentEvents } from '../live/incident-events.js';
import type { SiteEvents } from '../live/site-events.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/index.js';

/** What the HTTP API needs from the rest of the server. */
export interface ApiDeps {
  store: Store;
  metrics: Metrics;
  log: Logger;
  siteEvents: SiteEvents;
  incidentEvents: IncidentEvents;
  /** Whether the server counts silent boxes as down or looks cut off itself. */
  detection: DetectionEvents;
  commands: CommandDispatch;
  alerts: Alerts;
  config: Pick<ServerConfig, 'sessionHours' | 'enrollmentTokenDays' | 'timeZone'>;
  now(): number;
  /** The MQTT URL handed to an enrolling agent that reached the API at `requestUrl`. */
  agentMqttUrl(requestUrl: string): string;
  /** Told after the API changed an incident (for alerts; the live feed hears of it itself). */
  incidentChanged(incidentId: string): void;
  /**
   * Ends a connected agent's MQTT session, its last will unsent (its site
   * was deleted or its box replaced). Returns whether it was connected.
   */
  disconnectAgent(agentId: string): boolean;
  /** Absolute path of the dashboard's production build, if any. */
  dashboardDir: string | null;
}

export type Env = { Variables: { user: User } };
export type Api = OpenAPIHono<Env>;
