/**
 * Versioned schema migrations, applied in order at start-up inside one
 * transaction each. Never edit a released migration: add a new one.
 *
 * Times are integer milliseconds since the epoch (UTC) so deadlines and
 * ranges are indexed integer comparisons. Every row belongs to an org.
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'foundation',
    sql: `
CREATE TABLE orgs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- long-lived tokens for scripts (Authorization: Bearer)
CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  customer TEXT NOT NULL,
  address TEXT NOT NULL,
  carrier TEXT NOT NULL,
  access_type TEXT NOT NULL,
  contract_down_mbps REAL NOT NULL,
  contract_up_mbps REAL NOT NULL,
  business INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'unknown',
  cause TEXT,
  status_since INTEGER NOT NULL,
  last_seen_at INTEGER,
  -- the moment this site counts as silent unless a message arrives first
  down_after INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX sites_org ON sites(org_id);
CREATE INDEX sites_down_after ON sites(down_after) WHERE down_after IS NOT NULL;

CREATE TABLE enrollment_tokens (
  token_hash TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  site_id TEXT NOT NULL UNIQUE REFERENCES sites(id) ON DELETE CASCADE,
  secret_hash TEXT NOT NULL,
  hostname TEXT,
  agent_version TEXT,
  platform TEXT,
  enrolled_at INTEGER NOT NULL,
  boot_id TEXT,
  booted_at INTEGER,
  keepalive_seconds INTEGER,
  interval_seconds INTEGER,
  connected INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE measurements (
  org_id TEXT NOT NULL,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  agent_id TEXT NOT NULL,
  boot_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  t INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  gateway_rtt_ms REAL,
  latency_ms REAL,
  loss_pct REAL,
  jitter_ms REAL,
  diag_status TEXT NOT NULL,
  diag_cause TEXT,
  body TEXT NOT NULL,
  UNIQUE (agent_id, boot_id, seq)
);
CREATE INDEX measurements_site_t ON measurements(site_id, t);

CREATE TABLE agent_events (
  org_id TEXT NOT NULL,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  agent_id TEXT NOT NULL,
  boot_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  t INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (agent_id, boot_id, seq)
);
CREATE INDEX agent_events_site_t ON agent_events(site_id, t);

-- every status change of a site (Healthchecks' Flip): incidents and alerts derive from these
CREATE TABLE transitions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  old_status TEXT NOT NULL,
  new_status TEXT NOT NULL,
  old_cause TEXT,
  cause TEXT,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  processed_at INTEGER
);
CREATE INDEX transitions_site_at ON transitions(site_id, at);
CREATE INDEX transitions_unprocessed ON transitions(id) WHERE processed_at IS NULL;

-- payloads ingest refused, kept for inspection
CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT,
  agent_id TEXT,
  topic TEXT NOT NULL,
  reason TEXT NOT NULL,
  payload BLOB NOT NULL,
  received_at INTEGER NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'agent commands',
    sql: `
-- commands wait here, not in the broker's session: aedes speaks MQTT 3.1.1
-- with clean sessions, and a broker restart would lose them
CREATE TABLE commands (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  agent_id TEXT NOT NULL,
  name TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  sent_at INTEGER,
  done_at INTEGER
);
CREATE INDEX commands_pending ON commands(agent_id, expires_at) WHERE done_at IS NULL;
CREATE INDEX commands_site ON commands(site_id, issued_at);
`,
  },
  {
    version: 3,
    name: 'measurement rollups',
    sql: `
-- per-site aggregates that outlive the raw rows. Per figure: min, sum and
-- count of non-null values (so re-aggregation and the sample-weighted
-- average, e.g. of loss_pct, stay exact), max. latency_hist: counts over
-- the fixed log-spaced edges of store/latency-histogram.ts, a JSON array
-- with trailing zeros dropped; the hourly histogram is the sum of its
-- minutes', so p50/p90 stay within one histogram bucket of the truth.
CREATE TABLE measurements_1m (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  bucket_start INTEGER NOT NULL,
  org_id TEXT NOT NULL,
  samples INTEGER NOT NULL,
  gateway_rtt_ms_min REAL, gateway_rtt_ms_sum REAL, gateway_rtt_ms_n INTEGER NOT NULL, gateway_rtt_ms_max REAL,
  latency_ms_min REAL, latency_ms_sum REAL, latency_ms_n INTEGER NOT NULL, latency_ms_max REAL,
  loss_pct_min REAL, loss_pct_sum REAL, loss_pct_n INTEGER NOT NULL, loss_pct_max REAL,
  jitter_ms_min REAL, jitter_ms_sum REAL, jitter_ms_n INTEGER NOT NULL, jitter_ms_max REAL,
  latency_p50_ms REAL,
  latency_p90_ms REAL,
  latency_hist TEXT NOT NULL,
  PRIMARY KEY (site_id, bucket_start)
) WITHOUT ROWID;
CREATE TABLE measurements_1h (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  bucket_start INTEGER NOT NULL,
  org_id TEXT NOT NULL,
  samples INTEGER NOT NULL,
  gateway_rtt_ms_min REAL, gateway_rtt_ms_sum REAL, gateway_rtt_ms_n INTEGER NOT NULL, gateway_rtt_ms_max REAL,
  latency_ms_min REAL, latency_ms_sum REAL, latency_ms_n INTEGER NOT NULL, latency_ms_max REAL,
  loss_pct_min REAL, loss_pct_sum REAL, loss_pct_n INTEGER NOT NULL, loss_pct_max REAL,
  jitter_ms_min REAL, jitter_ms_sum REAL, jitter_ms_n INTEGER NOT NULL, jitter_ms_max REAL,
  latency_p50_ms REAL,
  latency_p90_ms REAL,
  latency_hist TEXT NOT NULL,
  PRIMARY KEY (site_id, bucket_start)
) WITHOUT ROWID;

-- buckets whose inputs changed since they were last aggregated: the
-- trigger marks the minute of every stored sample, including one replayed
-- hours late, so rollup re-opens exactly the buckets that need it
CREATE TABLE rollup_dirty (
  width_ms INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  site_id TEXT NOT NULL,
  PRIMARY KEY (width_ms, bucket_start, site_id)
) WITHOUT ROWID;
CREATE TRIGGER measurements_rollup_dirty AFTER INSERT ON measurements BEGIN
  INSERT INTO rollup_dirty (width_ms, bucket_start, site_id)
  VALUES (60000, NEW.t - NEW.t % 60000, NEW.site_id) ON CONFLICT DO NOTHING;
END;
-- samples stored before this migration get rolled up too
INSERT INTO rollup_dirty (width_ms, bucket_start, site_id)
  SELECT DISTINCT 60000, t - t % 60000, site_id FROM measurements WHERE true ON CONFLICT DO NOTHING;

-- watermarks and last-run times of the rollup/retention loop
CREATE TABLE lifecycle_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
`,
  },
  {
    version: 4,
    name: 'server-corrected sample times',
    sql: `
-- An agent's wall clock may be days off (a Raspberry Pi has no RTC, and NTP
-- needs the line that was down). Samples are dated on the server's clock:
-- t = the boot's epoch + the sample's monotonic time since boot, where the
-- epoch is the smallest (received_at - mono_ms) seen for that boot.
ALTER TABLE measurements ADD COLUMN agent_t INTEGER;
ALTER TABLE measurements ADD COLUMN mono_ms REAL;
ALTER TABLE agent_events ADD COLUMN agent_t INTEGER;
ALTER TABLE agent_events ADD COLUMN mono_ms REAL;
CREATE TABLE agent_boots (
  agent_id TEXT NOT NULL,
  boot_id TEXT NOT NULL,
  epoch_ms INTEGER NOT NULL,
  PRIMARY KEY (agent_id, boot_id)
) WITHOUT ROWID;
-- a re-dated sample re-opens both minutes it moved between
CREATE TRIGGER measurements_rollup_redated AFTER UPDATE OF t ON measurements BEGIN
  INSERT INTO rollup_dirty (width_ms, bucket_start, site_id)
  VALUES (60000, OLD.t - OLD.t % 60000, OLD.site_id) ON CONFLICT DO NOTHING;
  INSERT INTO rollup_dirty (width_ms, bucket_start, site_id)
  VALUES (60000, NEW.t - NEW.t % 60000, NEW.site_id) ON CONFLICT DO NOTHING;
END;
`,
  },
  {
    version: 5,
    name: 'ingest gaps and reported drops',
    sql: `
-- holes in an agent boot's sequence numbers (see ingest/gaps.ts): from_seq
-- to to_seq (inclusive) are the numbers still missing; a late arrival
-- shrinks or splits the row, the last one closes it (closed_by 'arrived'),
-- an outbox_dropped report closes what it accounts for ('reported'), and a
-- late agent_started what lies right below it ('skipped': never taken)
CREATE TABLE ingest_gaps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  agent_id TEXT NOT NULL,
  boot_id TEXT NOT NULL,
  from_seq INTEGER NOT NULL,
  to_seq INTEGER NOT NULL,
  detected_at INTEGER NOT NULL,
  closed_at INTEGER,
  closed_by TEXT
);
CREATE INDEX ingest_gaps_open ON ingest_gaps(agent_id, boot_id, from_seq) WHERE closed_at IS NULL;
CREATE INDEX ingest_gaps_site ON ingest_gaps(site_id, detected_at);

-- samples an agent knowingly dropped (its outbox_dropped event, data.count);
-- explained = how many of them matched open gaps
CREATE TABLE ingest_drops (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  agent_id TEXT NOT NULL,
  boot_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  count INTEGER NOT NULL,
  explained INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  UNIQUE (agent_id, boot_id, seq)
);
CREATE INDEX ingest_drops_site ON ingest_drops(site_id, received_at);
`,
  },
  {
    version: 6,
    name: 'incidents, their timelines, maintenance windows, site areas',
    sql: `
-- the area a site is grouped by (configured, else the postcode prefix; filled by the server)
ALTER TABLE sites ADD COLUMN area TEXT;
-- the monthly fee, for the § 58 TKG compensation amounts
ALTER TABLE sites ADD COLUMN monthly_fee_cents INTEGER;
CREATE INDEX sites_degraded ON sites(status_since) WHERE status = 'degraded';

-- what the shop works on: a site's outage, or an area outage grouping site incidents (parent_id)
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL CHECK (kind IN ('site', 'area')),
  site_id TEXT REFERENCES sites(id) ON DELETE CASCADE,
  parent_id TEXT REFERENCES incidents(id) ON DELETE SET NULL,
  -- area incidents: 'area:<carrier>|<area>' or 'power:<area>'
  group_key TEXT,
  carrier TEXT,
  area TEXT,
  power_cut INTEGER NOT NULL DEFAULT 0,
  -- open | acknowledged | reported | resolved, kept in step with the *_at facts below
  state TEXT NOT NULL,
  status TEXT NOT NULL,
  cause TEXT,
  flapping INTEGER NOT NULL DEFAULT 0,
  maintenance INTEGER NOT NULL DEFAULT 0,
  started_at INTEGER NOT NULL,
  recovered_at INTEGER,
  resolved_at INTEGER,
  resolved_by TEXT,
  acknowledged_at INTEGER,
  acknowledged_by TEXT,
  ticket_carrier TEXT,
  ticket_number TEXT,
  reported_at INTEGER,
  reported_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX incidents_one_open_per_site ON incidents(site_id) WHERE kind = 'site' AND state != 'resolved';
CREATE INDEX incidents_site ON incidents(site_id, started_at);
CREATE INDEX incidents_org ON incidents(org_id, started_at);
CREATE INDEX incidents_group ON incidents(org_id, group_key) WHERE group_key IS NOT NULL;
CREATE INDEX incidents_parent ON incidents(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX incidents_recovering ON incidents(recovered_at) WHERE recovered_at IS NOT NULL AND state != 'resolved';

-- the timeline: every change, note and action, with who and when
CREATE TABLE incident_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX incident_events_incident ON incident_events(incident_id, at);

CREATE TABLE maintenance_windows (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  scope TEXT NOT NULL CHECK (scope IN ('site', 'carrier', 'area')),
  value TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  reason TEXT,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX maintenance_windows_org ON maintenance_windows(org_id, ends_at);
`,
  },
  {
    version: 7,
    name: 'site trend findings',
    sql: `
-- early warnings (server/src/trends): one open row per site and kind while
-- the trend holds, refreshed each run (last_seen_at); cleared_at set when it
-- no longer holds, the row kept as history. evidence: JSON object of numbers.
CREATE TABLE site_findings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning')),
  message_de TEXT NOT NULL,
  message_en TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '{}',
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  cleared_at INTEGER
);
CREATE UNIQUE INDEX site_findings_one_open ON site_findings(site_id, kind) WHERE cleared_at IS NULL;
CREATE INDEX site_findings_org_open ON site_findings(org_id) WHERE cleared_at IS NULL;
CREATE INDEX site_findings_site ON site_findings(site_id, first_seen_at);
`,
  },
  {
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
  },
];
