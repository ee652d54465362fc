import { channelCatalogue, type NotificationKind } from '@linewatch/shared';
import type { IncidentRow } from '../store/incidents.js';
import type { AlertConfig } from './config.js';
import { policyQuietUntil } from './policy.js';
import { monthStart, quietUntil } from './quiet-hours.js';
import type { StoredChannel } from './store/channels.js';
import { type NotificationRow, pagingKinds } from './store/notifications.js';
import type { Policy } from './store/policies.js';

/**
 * What the dispatcher does with a claimed row, decided from the facts at
 * the moment it is due (not when it was planned): the line may be back,
 * the site may have joined an area incident, someone may have acknowledged.
 * Pure apart from reading the incident's other rows.
 */
export type Decision =
  | { do: 'send' }
  /** No longer needed. */
  | { do: 'supersede'; reason: string }
  /** Not sent, by a rule. */
  | { do: 'suppress'; reason: string }
  | { do: 'fail'; reason: string }
  /** Not yet: back to pending until `until` (not counted as an attempt). */
  | { do: 'wait'; until: number; reason: string };

export interface CheckFacts {
  row: NotificationRow;
  now: number;
  config: AlertConfig;
  incident: IncidentRow | undefined;
  channel: StoredChannel | undefined;
  /** The row's policy, or undefined (deleted, the default policy, customer notices). */
  policy: Policy | undefined;
  /** Whether one of the incident's sites is a business customer. */
  business: boolean;
  /** The incident's sites now (an area incident's children). */
  siteCount: number;
  /** Alerts of a site that could join an area outage: other sites of its area failing now (see `neighboursFailing`). */
  failingNeighbours: number;
  /** Every row of the incident, oldest first. */
  incidentRows: readonly NotificationRow[];
}

const send: Decision = { do: 'send' };
const delivered = (r: NotificationRow) => r.state === 'sent';
const sameTarget = (a: NotificationRow, b: NotificationRow) =>
  a.channel_id === b.channel_id && a.target === b.target;

/** Whether the line is back: nothing that pages someone should go out any more. */
const lineBack = (i: IncidentRow) => i.resolved_at !== null || i.recovered_at !== null;

function escalationDue(f: CheckFacts): Decision {
  const after = (f.policy?.escalation?.afterMinutes ?? 0) * 60_000;
  const primary = f.incidentRows.filter((r) => r.kind === 'alert' && r.policy_id === f.row.policy_id);
  const waiting = primary.filter((r) => r.state === 'pending' || r.state === 'sending');
  if (waiting.length) {
    const until = Math.max(f.now + 60_000, ...waiting.map((r) => r.due_at + after));
    return { do: 'wait', until, reason: 'waiting for the alert it escalates' };
  }
  const sentAt = primary.filter(delivered).map((r) => r.sent_at ?? 0);
  if (sentAt.length && Math.min(...sentAt) + after > f.now) {
    return { do: 'wait', until: Math.min(...sentAt) + after, reason: 'not yet unacknowledged long enough' };
  }
  return send; // sent long enough ago, or never delivered: escalate either way
}

/** Per-kind rules, after the common ones. */
const kindRules: Record<NotificationKind, (f: CheckFacts, i: IncidentRow) => Decision> = {
  alert: (f) => {
    // Planned with the short settle hold; neighbours failed meanwhile → hold the full grouping delay.
    const until = f.row.created_at + f.config.groupingHoldMs;
    return f.failingNeighbours > 0 && f.now < until
      ? { do: 'wait', until, reason: 'other lines of the area are failing: waiting for an area outage' }
      : send;
  },
  reminder: (f, i) => {
    if (i.acknowledged_at !== null) return { do: 'supersede', reason: 'acknowledged' };
    const later = f.incidentRows.some(
      (r) =>
        r.kind === 'reminder' &&
        r.id > f.row.id &&
        sameTarget(r, f.row) &&
        r.state === 'pending' &&
        r.due_at <= f.now,
    );
    return later ? { do: 'supersede', reason: 'a later reminder is due as well' } : send;
  },
  escalation: (f, i) =>
    i.acknowledged_at !== null ? { do: 'supersede', reason: 'acknowledged' } : escalationDue(f),
  update: (f) => {
    const alert = f.incidentRows.find((r) => r.kind === 'alert' && sameTarget(r, f.row) && delivered(r));
    if (!alert) return { do: 'supersede', reason: 'the alert it updates was not delivered' };
    const listed = Number((JSON.parse(alert.detail) as { sites?: number }).sites ?? 0);
    return f.siteCount > listed ? send : { do: 'supersede', reason: 'no new sites since the alert' };
  },
  recovery: (f) =>
    f.incidentRows.some((r) => pagingKinds.includes(r.kind) && sameTarget(r, f.row) && delivered(r))
      ? send
      : { do: 'supersede', reason: 'no alert was delivered to this target' },
  customer: (_f, i) =>
    lineBack(i) ? { do: 'supersede', reason: 'the line was back before the customer was told' } : send,
  customer_recovery: (f) =>
    f.incidentRows.some((r) => r.kind === 'customer' && sameTarget(r, f.row) && delivered(r))
      ? send
      : { do: 'supersede', reason: 'the customer was not told of the fault' },
  test: () => send,
};

/** When the row may go, given quiet hours; null = now. */
function quietEnd(f: CheckFacts): number | null {
  const { row } = f;
  if (row.kind === 'test') return null;
  if (row.kind === 'customer' || row.kind === 'customer_recovery') {
    const sms = f.channel && channelCatalogue[f.channel.kind].medium === 'sms';
    return sms ? quietUntil(f.config.customerQuietHours, f.now) : null;
  }
  return policyQuietUntil(f.policy, f.now, f.business);
}

/**
 * The checks before rendering:
 * 1. the channel exists and is enabled;
 * 2. the incident exists and is not under maintenance (never alerted);
 * 3. paging kinds: the site is not covered by an area incident, and the line
 *    is not back (a short outage that ended inside the hold is dropped);
 * 4. the kind's own rule (acknowledged, escalation timing, recovery owed…);
 * 5. quiet hours: wait until they end.
 */
export function checkBeforeSend(f: CheckFacts): Decision {
  if (!f.channel) return { do: 'fail', reason: 'the channel was deleted' };
  if (!f.channel.enabled) return { do: 'suppress', reason: 'the channel is disabled' };
  if (f.row.kind !== 'test') {
    const i = f.incident;
    if (!i) return { do: 'supersede', reason: 'the incident no longer exists' };
    if (i.maintenance === 1) return { do: 'suppress', reason: 'maintenance: no alerts' };
    if (pagingKinds.includes(f.row.kind)) {
      if (i.kind === 'site' && i.parent_id !== null)
        return { do: 'supersede', reason: `covered by the area incident ${i.parent_id}` };
      if (lineBack(i)) return { do: 'supersede', reason: 'the line was back before it was sent' };
    }
    const rule = kindRules[f.row.kind](f, i);
    if (rule.do !== 'send') return rule;
  }
  const until = quietEnd(f);
  return until === null
    ? send
    : { do: 'wait', until, reason: `quiet hours until ${new Date(until).toISOString()}` };
}

/**
 * The channel's limits, once the message (and so its cost) is known:
 * 1. rate limit: at most `rateLimitPerHour` messages in any hour; more wait
 *    until the oldest of them is an hour old;
 * 2. monthly budget: a message that would exceed it is suppressed — except
 *    recovery notices, which are owed for an alert already paid for.
 * Test messages count but are never held back.
 */
export function checkLimits(
  f: CheckFacts,
  cost: number,
  spent: (since: number) => { messages: number; cost: number; oldest: number | null },
): Decision {
  const ch = f.channel;
  if (!ch || f.row.kind === 'test') return send;
  if (ch.rateLimitPerHour !== null) {
    const hour = spent(f.now - 3600_000 + 1); // the hour before now, now included
    if (hour.messages >= ch.rateLimitPerHour) {
      const until = (hour.oldest ?? f.now) + 3600_000;
      return {
        do: 'wait',
        until: Math.max(until, f.now + 1000),
        reason: `rate limit of ${ch.rateLimitPerHour} an hour`,
      };
    }
  }
  const owed = f.row.kind === 'recovery' || f.row.kind === 'customer_recovery';
  if (ch.monthlyBudget !== null && !owed) {
    const month = spent(monthStart(f.now, f.config.timeZone));
    if (month.cost + cost > ch.monthlyBudget) {
      return {
        do: 'suppress',
        reason: `monthly budget of ${ch.monthlyBudget} used up (${month.cost} spent, this one costs ${cost})`,
      };
    }
  }
  return send;
}
