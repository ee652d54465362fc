import type { Migration } from './migration.js';

export const migration: Migration = {
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
};
