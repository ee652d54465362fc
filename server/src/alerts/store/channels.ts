import { randomUUID } from 'node:crypto';
import {
  type ChannelKind,
  type ChannelMedium,
  ChannelSettings,
  channelCatalogue,
  type EmailChannelSettings,
} from '@linewatch/shared';
import type { Db } from '../../store/db.js';
import { defaultEmailChannelId } from '../smtp-url.js';

interface ChannelRow {
  id: string;
  org_id: string;
  name: string;
  kind: ChannelKind;
  settings: string;
  enabled: number;
  rate_limit_per_hour: number | null;
  monthly_budget: number | null;
  last_error: string | null;
  last_error_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A channel with its settings (secrets included: never hand this to the API as it is). */
export interface StoredChannel {
  id: string;
  orgId: string | null;
  name: string;
  kind: ChannelKind;
  settings: ChannelSettings;
  enabled: boolean;
  rateLimitPerHour: number | null;
  monthlyBudget: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  createdAt: number | null;
  /** Changes whenever the settings do: the dispatcher's cache key. */
  version: number;
  /** The e-mail channel from the environment. */
  builtin: boolean;
}

export interface ChannelFields {
  name: string;
  enabled: boolean;
  settings: ChannelSettings;
  rateLimitPerHour: number | null;
  monthlyBudget: number | null;
}

function toStored(r: ChannelRow): StoredChannel {
  return {
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    kind: r.kind,
    settings: ChannelSettings.parse(JSON.parse(r.settings)),
    enabled: r.enabled === 1,
    rateLimitPerHour: r.rate_limit_per_hour,
    monthlyBudget: r.monthly_budget,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    createdAt: r.created_at,
    version: r.updated_at,
    builtin: false,
  };
}

/**
 * Alert channels of an org, plus the built-in e-mail channel from the
 * environment (id {@link defaultEmailChannelId}; it has no row: its last
 * error is read back from its newest delivery attempt).
 */
export function channelsRepo(db: Db, defaultEmail: EmailChannelSettings | null) {
  const q = {
    list: db.prepare<[string], ChannelRow>(
      'SELECT * FROM alert_channels WHERE org_id = ? ORDER BY created_at, rowid',
    ),
    get: db.prepare<[string], ChannelRow>('SELECT * FROM alert_channels WHERE id = ?'),
    insert:
      db.prepare(`INSERT INTO alert_channels (id, org_id, name, kind, settings, enabled, rate_limit_per_hour,
      monthly_budget, created_at, updated_at) VALUES (@id, @orgId, @name, @kind, @settings, @enabled, @rate, @budget,
      @now, @now)`),
    update:
      db.prepare(`UPDATE alert_channels SET name = @name, kind = @kind, settings = @settings, enabled = @enabled,
      rate_limit_per_hour = @rate, monthly_budget = @budget, updated_at = MAX(updated_at + 1, @now) WHERE id = @id`),
    remove: db.prepare<[string]>('DELETE FROM alert_channels WHERE id = ?'),
    setError: db.prepare<[string | null, number | null, string]>(
      'UPDATE alert_channels SET last_error = ?, last_error_at = ? WHERE id = ?',
    ),
  };
  /**
   * The built-in channel has no row to keep its last error in: it is read
   * back from its newest delivery attempt, so a restart does not hide it.
   */
  const lastAttempt = db.prepare<[string], { result: string; error: string | null; at: number }>(
    `SELECT a.result, a.error, a.at FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id
      WHERE n.channel_id = ? ORDER BY a.at DESC, a.id DESC LIMIT 1`,
  );
  const recorded = lastAttempt.get(defaultEmailChannelId);
  let builtinError: { text: string | null; at: number | null } =
    recorded && recorded.result !== 'sent'
      ? { text: recorded.error, at: recorded.at }
      : { text: null, at: null };

  const builtin = (): StoredChannel | undefined =>
    defaultEmail
      ? {
          id: defaultEmailChannelId,
          orgId: null,
          name: 'E-mail (LINEWATCH_SMTP_URL)',
          kind: 'email',
          settings: defaultEmail,
          enabled: true,
          rateLimitPerHour: null,
          monthlyBudget: null,
          lastError: builtinError.text,
          lastErrorAt: builtinError.at,
          createdAt: null,
          version: 0,
          builtin: true,
        }
      : undefined;

  const fields = (f: ChannelFields) => ({
    name: f.name,
    kind: f.settings.type,
    settings: JSON.stringify(f.settings),
    enabled: f.enabled ? 1 : 0,
    rate: f.rateLimitPerHour,
    budget: f.monthlyBudget,
  });

  return {
    /** The built-in channel (if configured) first, then the org's. */
    list(orgId: string): StoredChannel[] {
      const own = q.list.all(orgId).map(toStored);
      const b = builtin();
      return b ? [b, ...own] : own;
    },
    /** A channel by id, for an org (the built-in one belongs to every org). */
    get(orgId: string | null, id: string): StoredChannel | undefined {
      if (id === defaultEmailChannelId) return builtin();
      const row = q.get.get(id);
      return row && (orgId === null || row.org_id === orgId) ? toStored(row) : undefined;
    },
    create(orgId: string, f: ChannelFields, now: number): StoredChannel {
      const id = randomUUID();
      q.insert.run({ id, orgId, now, ...fields(f) });
      return toStored(q.get.get(id) as ChannelRow);
    },
    update(id: string, f: ChannelFields, now: number): void {
      q.update.run({ id, now, ...fields(f) });
    },
    remove: (id: string) => q.remove.run(id).changes > 0,
    /** Records the last delivery error of a channel (null clears it after a success). */
    setLastError(id: string, text: string | null, at: number | null): void {
      if (id === defaultEmailChannelId) builtinError = { text, at };
      else q.setError.run(text, at, id);
    },
    /** The first enabled channel of a medium (customer notices go through it). */
    firstOfMedium(orgId: string, medium: ChannelMedium): StoredChannel | undefined {
      return this.list(orgId).find((c) => c.enabled && channelCatalogue[c.kind].medium === medium);
    },
  };
}
export type ChannelsRepo = ReturnType<typeof channelsRepo>;
