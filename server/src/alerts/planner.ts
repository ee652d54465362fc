import type { Cause, IncidentEventKind, NotificationKind } from '@linewatch/shared';
import type { Logger } from 'pino';
import { defaultGroupingConfig, type GroupingConfig } from '../incidents/area-grouping.js';
import type { IncidentRow } from '../store/incidents.js';
import type { Store } from '../store/index.js';
import { createChannel } from './channel.js';
import type { AlertConfig } from './config.js';
import { customerNotices } from './customer-notice.js';
import { groupingCandidate, neighboursFailing, siteAlertHold } from './grouping-hold.js';
import { incidentSites } from './message-facts.js';
import { policyMatches } from './policy.js';
import type { AlertStore } from './store/index.js';
import { type NewNotification, pagingKinds } from './store/notifications.js';
import { defaultPolicy, type Policy } from './store/policies.js';

/**
 * Turns incident events into outbox rows, inside the transaction of the
 * event (the processor's `onEvent`), so a notification exists exactly when
 * its cause was committed. Every row's idempotency key is derived from the
 * incident, kind, channel and target (`<incident>:<kind>:<channel>:<target>:<n>`)
 * and inserted with INSERT OR IGNORE: planning twice adds nothing.
 *
 * What is planned when (the dispatcher re-checks each row when it is due):
 * 1. opened / status / cause changes: an alert per matching policy and
 *    channel target (one per severity, so degraded → down alerts again), its
 *    reminders and escalation; for a site incident, the customer notice.
 *    A site that could be part of an area outage is held for
 *    `groupingHoldMs` while others of its area fail, else `groupingSettleMs`
 *    (see `siteAlertHold`); an area incident for `areaHoldMs`.
 * 2. site_joined: the site's own pending alerts are superseded (the area's
 *    message lists it); if the area's alert already went out, one "now N
 *    sites" update, no sooner than `updateMinIntervalMs` after it.
 * 3. acknowledged: pending reminders and escalations are superseded.
 * 4. resolved: what is still pending is superseded (an outage that ended
 *    inside the hold gets neither alert nor recovery), and every target that
 *    was sent (or is being sent) an alert gets one recovery notice; the
 *    customer who got a notice gets the "fixed" one. Recovery is planned at
 *    `resolved` (the line stayed back `stableMs`), not at `recovered`, so a
 *    line that relapses within minutes does not send "back up" then "down".
 */

export interface PlannerDeps {
  store: Store;
  alertStore: AlertStore;
  config: AlertConfig;
  now(): number;
  log: Logger;
  /** Told when rows were added, so the dispatcher arms its timer (called inside the transaction; defer work). */
  wake(): void;
  grouping?: GroupingConfig;
}

export interface IncidentEventNotice {
  incidentId: string;
  kind: IncidentEventKind;
  at: number;
}

type Handler = (incident: IncidentRow, at: number) => void;

export function createPlanner(deps: PlannerDeps) {
  const { store, alertStore, config } = deps;
  const { notifications, channels } = alertStore;
  const canGroup = groupingCandidate(store.db, deps.grouping ?? defaultGroupingConfig);
  const failingAround = neighboursFailing(store.db);
  let added = false;

  const add = (n: NewNotification) => {
    if (notifications.insert(n, deps.now())) added = true;
  };

  const sitesOf = (incident: IncidentRow) => incidentSites(store, incident);

  /** The org's policies, or the default one (e-mail from the environment) while it has none. */
  function policiesOf(orgId: string): Policy[] {
    const own = alertStore.policies.effective(orgId);
    if (own) return own;
    return config.defaultEmail ? [defaultPolicy(config.language)] : [];
  }

  function targetsOf(orgId: string, channelId: string) {
    const ch = channels.get(orgId, channelId);
    if (!ch?.enabled) return null;
    return { channel: ch, targets: createChannel(ch.settings).targets };
  }

  function planAlerts(incident: IncidentRow, at: number): void {
    if (incident.maintenance === 1 || incident.resolved_at !== null) return;
    if (incident.kind === 'site' && incident.parent_id !== null) return;
    if (incident.status !== 'down' && incident.status !== 'degraded') return;
    const sites = sitesOf(incident);
    const hold =
      incident.kind === 'area'
        ? config.areaHoldMs
        : siteAlertHold(config, canGroup(sites[0]), failingAround(sites[0], at - config.groupingHoldMs));
    const due = at + hold;
    const existing = notifications.ofIncident(incident.id);
    /**
     * The alert's key: one per severity. If every alert so far for this
     * target was superseded (the line came back inside the hold) and the
     * line failed again, the relapse gets its own alert, keyed by its time.
     */
    const alertKey = (channelId: string, target: string) => {
      const base = `${incident.id}:alert:${channelId}:${target}:${incident.status}`;
      const prior = existing.filter(
        (r) => r.idempotency_key === base || r.idempotency_key.startsWith(`${base}:`),
      );
      const dropped = prior.length > 0 && prior.every((r) => r.state === 'superseded');
      return dropped && incident.recovered_at === null ? `${incident.status}:${at}` : incident.status;
    };
    const row = (
      kind: NotificationKind,
      p: Policy,
      channelId: string,
      target: string,
      n: string,
      dueAt: number,
    ) =>
      add({
        orgId: incident.org_id,
        incidentId: incident.id,
        policyId: p.id,
        channelId,
        target,
        kind,
        language: p.language,
        key: `${incident.id}:${kind}:${channelId}:${target}:${n}`,
        dueAt,
      });
    for (const p of policiesOf(incident.org_id)) {
      if (!policyMatches(p, incident, sites)) continue;
      const main = targetsOf(incident.org_id, p.channelId);
      if (!main) continue;
      for (const target of main.targets) {
        row('alert', p, main.channel.id, target, alertKey(main.channel.id, target), due);
        for (let n = 1; p.reminders && n <= p.reminders.max; n++) {
          row('reminder', p, main.channel.id, target, String(n), due + n * p.reminders.everyMinutes * 60_000);
        }
      }
      const next = p.escalation && targetsOf(incident.org_id, p.escalation.channelId);
      if (p.escalation && next) {
        for (const target of next.targets) {
          row('escalation', p, next.channel.id, target, '0', due + p.escalation.afterMinutes * 60_000);
        }
      }
    }
  }

  function planCustomer(incident: IncidentRow, at: number): void {
    for (const n of customerNotices(alertStore, config, incident, at)) add(n);
  }

  function planJoin(area: IncidentRow, at: number): void {
    const now = deps.now();
    for (const child of store.incidents.children(area.id)) {
      notifications.supersedePending(child.id, pagingKinds, `covered by the area incident ${area.id}`, now);
    }
    planAlerts(area, at);
    const delivered = notifications
      .ofIncident(area.id)
      .filter((r) => r.kind === 'alert' && (r.state === 'sent' || r.state === 'sending'));
    for (const r of delivered) {
      const firstAt = r.sent_at ?? r.claimed_at ?? now;
      add({
        orgId: area.org_id,
        incidentId: area.id,
        policyId: r.policy_id,
        channelId: r.channel_id,
        target: r.target,
        kind: 'update',
        language: r.language,
        key: `${area.id}:update:${r.channel_id}:${r.target}:1`,
        dueAt: Math.max(now, firstAt + config.updateMinIntervalMs),
      });
    }
  }

  function planResolved(incident: IncidentRow): void {
    const now = deps.now();
    notifications.supersedePending(
      incident.id,
      [...pagingKinds, 'customer'],
      'resolved before it was sent',
      now,
    );
    for (const r of notifications.ofIncident(incident.id)) {
      if (r.state !== 'sent' && r.state !== 'sending') continue;
      const kind =
        r.kind === 'customer' ? 'customer_recovery' : pagingKinds.includes(r.kind) ? 'recovery' : null;
      if (!kind) continue;
      add({
        orgId: incident.org_id,
        incidentId: incident.id,
        policyId: r.policy_id,
        channelId: r.channel_id,
        target: r.target,
        kind,
        language: r.language,
        key: `${incident.id}:${kind}:${r.channel_id}:${r.target}:0`,
        dueAt: now,
      });
    }
  }

  function planAcknowledged(incident: IncidentRow): void {
    notifications.supersedePending(incident.id, ['reminder', 'escalation'], 'acknowledged', deps.now());
  }

  /**
   * The processor records `status_changed` and `relapsed` before it sets the
   * incident's new status: read the new one from the event just recorded.
   */
  function withEventStatus(incident: IncidentRow, kind: IncidentEventKind): IncidentRow {
    const last = store.incidents
      .events(incident.id)
      .filter((e) => e.kind === kind)
      .at(-1);
    const to = kind === 'relapsed' ? 'down' : last?.data.to;
    if (to !== 'down') return incident;
    const cause = typeof last?.data.cause === 'string' ? (last.data.cause as Cause) : incident.cause;
    return { ...incident, status: 'down', cause };
  }

  const handlers: Record<IncidentEventKind, Handler | null> = {
    opened: (i, at) => {
      planAlerts(i, at);
      planCustomer(i, at);
    },
    status_changed: (i, at) => planAlerts(withEventStatus(i, 'status_changed'), at),
    cause_corrected: planAlerts,
    relapsed: (i, at) => planAlerts(withEventStatus(i, 'relapsed'), at),
    reopened: planAlerts,
    site_joined: planJoin,
    site_left: null,
    acknowledged: planAcknowledged,
    resolved: planResolved,
    recovered: null,
    flapping: null,
    reported: null,
    note: null,
  };

  /**
   * Runs a planning step in a savepoint of the caller's transaction. A
   * failure here (a bug, bad stored settings) rolls back only the planning
   * and is logged: the incident event that caused it still commits.
   */
  function run(incidentId: string, fn: (incident: IncidentRow) => void): void {
    added = false;
    try {
      store.db.transaction(() => {
        const incident = store.incidents.get(incidentId);
        if (incident) fn(incident);
      })();
    } catch (err) {
      deps.log.error({ err, incidentId }, 'notifications for an incident event could not be planned');
      return;
    }
    if (added) deps.wake();
  }

  return {
    /**
     * The incident processor's `onEvent`: call inside the event's transaction.
     *
     * @example
     * createIncidentProcessor({ …, onEvent: (e) => planner.onEvent(e) });
     */
    onEvent(e: IncidentEventNotice): void {
      const handler = handlers[e.kind];
      if (handler) run(e.incidentId, (i) => handler(i, e.at));
    },
    /**
     * After a person changed an incident through the API (acknowledged,
     * resolved by hand): plans what follows, in its own transaction.
     */
    incidentChanged(incidentId: string): void {
      const sync = (i: IncidentRow) => {
        if (i.acknowledged_at !== null) planAcknowledged(i);
        if (i.resolved_at !== null) planResolved(i);
      };
      run(incidentId, (i) => {
        sync(i);
        // An area incident's actions apply to its sites too (their customer notices).
        if (i.kind === 'area') for (const child of store.incidents.children(i.id)) sync(child);
      });
    },
  };
}
export type Planner = ReturnType<typeof createPlanner>;
