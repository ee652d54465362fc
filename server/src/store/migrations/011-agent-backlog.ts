import type { Migration } from './migration.js';

export const migration: Migration = {
  version: 11,
  name: "agents' outbox backlog as last reported",
  sql: `
-- samples waiting in the agent's on-disk outbox when it last sent a batch (agents since 0.2 report it)
ALTER TABLE agents ADD COLUMN outbox_backlog INTEGER;
ALTER TABLE agents ADD COLUMN outbox_backlog_at INTEGER;
`,
};
