import type { Migration } from './migration.js';

export const migration: Migration = {
  version: 9,
  name: 'contacts: the people of the shop who receive alerts',
  sql: `
CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  language TEXT NOT NULL DEFAULT 'de',
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX contacts_org ON contacts(org_id, name);
`,
};
