import type { Migration } from './migration.js';

export const migration: Migration = {
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
};
