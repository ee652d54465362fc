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
];
