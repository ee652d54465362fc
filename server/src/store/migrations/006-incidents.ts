import type { Migration } from './migration.js';

export const migration: Migration = {
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
};
