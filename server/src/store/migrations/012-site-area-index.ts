import type { Migration } from './migration.js';

export const migration: Migration = {
  version: 12,
  name: 'sites by grouping area',
  sql: `
-- the incident processor looks up the recent failures of one area (compared
-- trimmed and case-folded, as incidents/area-grouping.ts does) instead of all
-- of an org's: a mass outage of thousands of sites stays O(sites per area)
-- per failure
CREATE INDEX sites_area ON sites(org_id, lower(trim(area)));
`,
};
