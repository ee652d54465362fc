import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { GroupingConfig } from '../incidents/area-grouping.js';
import type { Store } from '../store/index.js';
import type { ChannelDeps } from './channel.js';
import type { AlertConfig } from './config.js';
import { createDispatcher, type Timers } from './dispatcher.js';
import { createPlanner } from './planner.js';
import { createAlertStore } from './store/index.js';

export { type AlertConfig, alertConfigFrom, defaultAlertConfig } from './config.js';

export interface AlertsDeps {
  store: Store;
  config: AlertConfig;
  log: Logger;
  now(): number;
  channelDeps?: ChannelDeps;
  timers?: Timers;
  /** The area-grouping rules (which sites could form an area outage). */
  grouping?: GroupingConfig;
}

/**
 * The alerts of the server: planner (incident events → outbox rows, inside
 * the event's transaction), dispatcher (outbox → channels) and their store.
 *
 * @example
 * const alerts = createAlerts({ store, config: alertConfigFrom(config, url), log, now: () => clock.now() });
 * const incidents = createIncidentProcessor({ …, onEvent: alerts.onEvent });
 * alerts.start();            // after the HTTP server listens
 * await alerts.stop();       // before the store closes
 */
export function createAlerts(input: AlertsDeps) {
  // A copy the alerts own: `setPublicUrl` changes it for every part at once.
  const config: AlertConfig = { ...input.config };
  const deps = { ...input, config };
  const { store } = deps;
  const alertStore = createAlertStore(store.db, config.defaultEmail);
  let key: Buffer | null = null;
  /** The configured secret (any length, hashed to 32 bytes), else a random key kept in the database. */
  const ackKey = (): Buffer => {
    key ??= config.ackSecret
      ? createHash('sha256').update(config.ackSecret).digest()
      : alertStore.key('ack-link', deps.now());
    return key;
  };
  const dispatcher = createDispatcher({ ...deps, alertStore, ackKey });
  const planner = createPlanner({ ...deps, alertStore, wake: () => dispatcher.wake() });
  return {
    config,
    alertStore,
    planner,
    dispatcher,
    ackKey,
    /** The incident processor's `onEvent` (inside its transaction). */
    onEvent: planner.onEvent,
    /** After the API changed an incident (acknowledged, resolved by hand). */
    incidentChanged: planner.incidentChanged,
    /** The URL in links, once known (e.g. after the HTTP server got its port). */
    setPublicUrl(url: string): void {
      config.publicUrl = url.replace(/\/+$/, '');
    },
    start: () => dispatcher.start(),
    stop: () => dispatcher.stop(),
  };
}
export type Alerts = ReturnType<typeof createAlerts>;
