import { randomUUID } from 'node:crypto';
import {
  type AlertPolicy,
  type AlertPolicyInput,
  AlertPolicyRules,
  type AlertScope,
  type Language,
} from '@linewatch/shared';
import type { Db } from '../../store/db.js';
import { defaultEmailChannelId } from '../smtp-url.js';

interface PolicyRow {
  id: string;
  org_id: string;
  name: string;
  channel_id: string;
  scope: AlertScope;
  scope_value: string | null;
  rules: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

/** A policy as the planner uses it; `id` null for the built-in default policy. */
export interface Policy extends AlertPolicyRules {
  id: string | null;
  name: string;
  channelId: string;
  scope: AlertScope;
  scopeValue: string | null;
  enabled: boolean;
  createdAt: number;
}

function toPolicy(r: PolicyRow): Policy {
  return {
    ...AlertPolicyRules.parse(JSON.parse(r.rules)),
    id: r.id,
    name: r.name,
    channelId: r.channel_id,
    scope: r.scope,
    scopeValue: r.scope_value,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
  };
}

/** The API shape of a stored policy. */
export function toAlertPolicy(p: Policy & { id: string }): AlertPolicy {
  return {
    id: p.id,
    name: p.name,
    channelId: p.channelId,
    scope: p.scope,
    scopeValue: p.scopeValue,
    enabled: p.enabled,
    minSeverity: p.minSeverity,
    causes: p.causes,
    quietHours: p.quietHours,
    escalation: p.escalation,
    reminders: p.reminders,
    language: p.language,
    createdAt: new Date(p.createdAt).toISOString(),
  };
}

/**
 * The policy used while an org has none (PRODUCT.md: e-mail alerts from the
 * first minute): every down incident, by the e-mail channel from the environment.
 */
export function defaultPolicy(language: Language): Policy {
  return {
    id: null,
    name: 'default',
    channelId: defaultEmailChannelId,
    scope: 'all',
    scopeValue: null,
    enabled: true,
    minSeverity: 'down',
    causes: null,
    quietHours: null,
    escalation: null,
    reminders: null,
    language,
    createdAt: 0,
  };
}

function rulesOf(p: AlertPolicyInput): string {
  const rules: AlertPolicyRules = {
    minSeverity: p.minSeverity,
    causes: p.causes,
    quietHours: p.quietHours,
    escalation: p.escalation,
    reminders: p.reminders,
    language: p.language,
  };
  return JSON.stringify(rules);
}

/** Alert policies: who hears what. */
export function policiesRepo(db: Db) {
  const q = {
    list: db.prepare<[string], PolicyRow>(
      'SELECT * FROM alert_policies WHERE org_id = ? ORDER BY created_at, rowid',
    ),
    get: db.prepare<[string], PolicyRow>('SELECT * FROM alert_policies WHERE id = ?'),
    count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM alert_policies WHERE org_id = ?'),
    insert:
      db.prepare(`INSERT INTO alert_policies (id, org_id, name, channel_id, scope, scope_value, rules, enabled,
      created_at, updated_at) VALUES (@id, @orgId, @name, @channelId, @scope, @scopeValue, @rules, @enabled, @now, @now)`),
    update: db.prepare(`UPDATE alert_policies SET name = @name, channel_id = @channelId, scope = @scope,
      scope_value = @scopeValue, rules = @rules, enabled = @enabled, updated_at = @now WHERE id = @id`),
    remove: db.prepare<[string]>('DELETE FROM alert_policies WHERE id = ?'),
  };
  const params = (p: AlertPolicyInput) => ({
    name: p.name,
    channelId: p.channelId,
    scope: p.scope,
    scopeValue: p.scopeValue,
    rules: rulesOf(p),
    enabled: p.enabled ? 1 : 0,
  });
  return {
    list: (orgId: string) => q.list.all(orgId).map(toPolicy) as (Policy & { id: string })[],
    get(orgId: string, id: string): (Policy & { id: string }) | undefined {
      const row = q.get.get(id);
      return row && row.org_id === orgId ? (toPolicy(row) as Policy & { id: string }) : undefined;
    },
    /** Policies of an org, or null when it has none at all (then the default policy applies). */
    effective(orgId: string): Policy[] | null {
      if ((q.count.get(orgId)?.n ?? 0) === 0) return null;
      return q.list.all(orgId).map(toPolicy);
    },
    create(orgId: string, p: AlertPolicyInput, now: number): Policy & { id: string } {
      const id = randomUUID();
      q.insert.run({ id, orgId, now, ...params(p) });
      return toPolicy(q.get.get(id) as PolicyRow) as Policy & { id: string };
    },
    update: (id: string, p: AlertPolicyInput, now: number) => void q.update.run({ id, now, ...params(p) }),
    remove: (id: string) => q.remove.run(id).changes > 0,
    /** A policy by id in any org (the dispatcher's lookup for a row's policy). */
    byId(id: string): Policy | undefined {
      const row = q.get.get(id);
      return row && toPolicy(row);
    },
  };
}
export type PoliciesRepo = ReturnType<typeof policiesRepo>;
