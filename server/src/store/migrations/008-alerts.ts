import type { Migration } from './migration.js';

export const migration: Migration = {
  version: 8,
  name: 'alerts: channels, policies, notification outbox and attempts, customer notices',
  sql: `
-- where a notification goes (server/src/alerts): settings is the channel's
-- JSON settings *with* its secrets (never returned by the API). Per-channel
-- limits: at most rate_limit_per_hour messages an hour (more wait), at most
-- monthly_budget cost units a calendar month (SMS segments; 1 per message
-- otherwise; more are suppressed). last_error: the last permanent failure.
CREATE TABLE alert_channels (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  settings TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  rate_limit_per_hour INTEGER,
  monthly_budget INTEGER,
  last_error TEXT,
  last_error_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX alert_channels_org ON alert_channels(org_id);

-- who hears what: scope, filters, quiet hours, escalation and reminders (rules: JSON, see shared/src/alerts.ts)
CREATE TABLE alert_policies (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  channel_id TEXT NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
  scope TEXT NOT NULL CHECK (scope IN ('all', 'site', 'carrier', 'area')),
  scope_value TEXT,
  rules TEXT NOT NULL DEFAULT '{}',
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX alert_policies_org ON alert_policies(org_id);

-- the outbox: one row per message and target, written in the transaction of
-- the incident event that causes it; claimed with a compare-and-set update
-- (pending -> sending, claim_token); idempotency_key is derived from the
-- incident, kind, channel and target, so planning twice inserts nothing.
-- channel_id is not a foreign key: 'default-email' is the e-mail channel
-- from the environment (LINEWATCH_SMTP_URL), which has no row.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL,
  incident_id TEXT REFERENCES incidents(id) ON DELETE CASCADE,
  policy_id TEXT,
  channel_id TEXT NOT NULL,
  target TEXT NOT NULL,
  kind TEXT NOT NULL,
  language TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  due_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'superseded', 'suppressed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_at INTEGER,
  claim_token TEXT,
  sent_at INTEGER,
  provider_id TEXT,
  cost INTEGER NOT NULL DEFAULT 0,
  detail TEXT NOT NULL DEFAULT '{}',
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX notifications_due ON notifications(due_at) WHERE state = 'pending';
CREATE INDEX notifications_sending ON notifications(claimed_at) WHERE state = 'sending';
CREATE INDEX notifications_incident ON notifications(incident_id);
CREATE INDEX notifications_channel ON notifications(channel_id, created_at);
CREATE INDEX notifications_channel_spent ON notifications(channel_id, claimed_at) WHERE state IN ('sent', 'sending');

-- every try to deliver a notification, with the provider's answer
CREATE TABLE notification_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  notification_id INTEGER NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('sent', 'transient', 'permanent', 'ambiguous')),
  provider_id TEXT,
  error TEXT,
  response TEXT
);
CREATE INDEX notification_attempts_notification ON notification_attempts(notification_id, at);

-- the customer notice of a site (off by default): "we have noticed the fault and are on it"
CREATE TABLE site_alert_settings (
  site_id TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  customer_notice INTEGER NOT NULL DEFAULT 0,
  customer_phone TEXT,
  customer_email TEXT,
  language TEXT NOT NULL DEFAULT 'de',
  updated_at INTEGER NOT NULL
);

-- server-side keys of the alerts, e.g. the HMAC key of acknowledge links when none is configured
CREATE TABLE alert_keys (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`,
};
