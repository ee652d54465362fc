import type { Migration } from './migration.js';

export const migration: Migration = {
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
};
