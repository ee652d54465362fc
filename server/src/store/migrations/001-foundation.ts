import type { Migration } from './migration.js';

export const migration: Migration = {
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
};
