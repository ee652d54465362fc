import type { Migration } from './migration.js';

export const migration: Migration = {
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
};
