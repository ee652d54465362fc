import type { Migration } from './migration.js';

/** The line figures as rollup columns: min, sum, count, max each (see `store/rollups.ts`). */
const rollupColumns = (table: string) =>
  ['dns_ms', 'sync_down_kbps', 'sync_up_kbps', 'snr_down_db', 'snr_up_db', 'crc_errors']
    .flatMap((f) => [
      `ALTER TABLE ${table} ADD COLUMN ${f}_min REAL;`,
      `ALTER TABLE ${table} ADD COLUMN ${f}_sum REAL;`,
      `ALTER TABLE ${table} ADD COLUMN ${f}_n INTEGER NOT NULL DEFAULT 0;`,
      `ALTER TABLE ${table} ADD COLUMN ${f}_max REAL;`,
    ])
    .join('\n');

export const migration: Migration = {
  version: 10,
  name: 'line figures for charts: DNS time, DSL sync rates, SNR margins, CRC counter',
  sql: `
-- Derived at ingest from the stored probe round (summarise() in store/measurements.ts).
-- crc_errors is the router's counter since the last sync: charts show its increase per bucket.
-- Rows stored before this migration keep NULL: their charts start with the new samples.
ALTER TABLE measurements ADD COLUMN dns_ms REAL;
ALTER TABLE measurements ADD COLUMN sync_down_kbps REAL;
ALTER TABLE measurements ADD COLUMN sync_up_kbps REAL;
ALTER TABLE measurements ADD COLUMN snr_down_db REAL;
ALTER TABLE measurements ADD COLUMN snr_up_db REAL;
ALTER TABLE measurements ADD COLUMN crc_errors REAL;
${rollupColumns('measurements_1m')}
${rollupColumns('measurements_1h')}
`,
};
