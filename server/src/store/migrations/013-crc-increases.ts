import type { Migration } from './migration.js';

/** Rollup columns of a figure: min, sum, count, max (as in migrations 3 and 10). */
const gaugeColumns = (table: string, figure: string) =>
  [
    `ALTER TABLE ${table} ADD COLUMN ${figure}_min REAL;`,
    `ALTER TABLE ${table} ADD COLUMN ${figure}_sum REAL;`,
    `ALTER TABLE ${table} ADD COLUMN ${figure}_n INTEGER NOT NULL DEFAULT 0;`,
    `ALTER TABLE ${table} ADD COLUMN ${figure}_max REAL;`,
  ].join('\n');

/** Re-opens the minute of the site's next CRC reading after `at` (within the hour `crc-increases.ts` looks back). */
const nextCrcMinute = (at: string) => `
  INSERT INTO rollup_dirty (width_ms, bucket_start, site_id)
  SELECT 60000, t - t % 60000, site_id FROM measurements
  WHERE site_id = NEW.site_id AND t > ${at} AND t <= ${at} + 3600000 AND crc_errors IS NOT NULL
  ORDER BY t LIMIT 1
  ON CONFLICT DO NOTHING;`;

export const migration: Migration = {
  version: 13,
  name: 'CRC errors rolled up as the sum of their increases; DSL attenuation',
  sql: `
-- DSL attenuation (TR-064 NewUp/DownstreamAttenuation), like the other line
-- figures of migration 10: derived at ingest, NULL for older rows
ALTER TABLE measurements ADD COLUMN atten_down_db REAL;
ALTER TABLE measurements ADD COLUMN atten_up_db REAL;
${gaugeColumns('measurements_1m', 'atten_down_db')}
${gaugeColumns('measurements_1m', 'atten_up_db')}
${gaugeColumns('measurements_1h', 'atten_down_db')}
${gaugeColumns('measurements_1h', 'atten_up_db')}

-- CRC errors: migration 10 rolled up the router's counter itself and took
-- max − min per bucket as its errors, which misses the errors between two
-- buckets and, across a resync inside a bucket (the counter restarts),
-- reports the old counter's whole value. A bucket now holds the sum and the
-- count of its samples' increases (store/crc-increases.ts): the errors
-- since the reading before, a restarted counter counting from 0.
ALTER TABLE measurements_1m RENAME COLUMN crc_errors_sum TO crc_increase_sum;
ALTER TABLE measurements_1m RENAME COLUMN crc_errors_n TO crc_increase_n;
ALTER TABLE measurements_1h RENAME COLUMN crc_errors_sum TO crc_increase_sum;
ALTER TABLE measurements_1h RENAME COLUMN crc_errors_n TO crc_increase_n;
-- crc_errors_min and crc_errors_max are no longer written (SQLite drops a
-- column only by rewriting every row). The minutes that hold CRC figures
-- are recomputed from their raw rows, and their hours from them.
INSERT INTO rollup_dirty (width_ms, bucket_start, site_id)
  SELECT 60000, bucket_start, site_id FROM measurements_1m WHERE crc_increase_n > 0 ON CONFLICT DO NOTHING;

-- A reading's increase depends on the reading before it: one stored late
-- (a replayed backlog) or re-dated changes the next reading's, which may
-- lie in a later minute, so that minute is re-opened too.
CREATE TRIGGER measurements_crc_next AFTER INSERT ON measurements
WHEN NEW.crc_errors IS NOT NULL BEGIN${nextCrcMinute('NEW.t')}
END;
CREATE TRIGGER measurements_crc_next_redated AFTER UPDATE OF t ON measurements
WHEN NEW.crc_errors IS NOT NULL BEGIN${nextCrcMinute('OLD.t')}${nextCrcMinute('NEW.t')}
END;
`,
};
