import { counterIncrease } from '../trends/counters.js';
import type { Db } from './db.js';

/**
 * A reading counts against the previous one only if that is at most this
 * old (ms). Beyond it (the router could not be read for a long time) the
 * increase is unknown rather than lumped into one interval. Migration 11's
 * triggers use the same window to re-open the minute of the next reading.
 */
export const crcLookbackMs = 3_600_000;

/** A raw row's time and CRC counter. */
export interface CrcReading {
  t: number;
  crc_errors: number | null;
}

/**
 * The CRC errors of each reading since the reading before it, oldest
 * first: Prometheus `increase()` semantics via {@link counterIncrease}, so a
 * counter that fell back (resync, router reboot) counts from 0 and no
 * interval is ever negative. Null for a row without a counter and for a
 * reading with no earlier one within {@link crcLookbackMs}. `before` is the
 * newest reading before the rows (see {@link crcSeedReader}).
 *
 * @example
 * crcIncreases([{ t: 10_000, crc_errors: 7 }, { t: 20_000, crc_errors: 2 }], { t: 0, crc_errors: 5 }) // [2, 2]
 */
export function crcIncreases(rows: readonly CrcReading[], before: CrcReading | null): (number | null)[] {
  let previous = before?.crc_errors == null ? null : before;
  return rows.map((r) => {
    if (r.crc_errors === null) return null;
    const step =
      previous && r.t - previous.t <= crcLookbackMs
        ? counterIncrease(previous.crc_errors, r.crc_errors)
        : null;
    previous = r;
    return step?.increase ?? null;
  });
}

/**
 * The newest CRC reading of a site before `t`, within {@link crcLookbackMs}.
 * Call it only when the rows have a counter: then (a DSL line read every
 * round) it is the row just before, one index step; a site without DSL
 * figures never gets here.
 */
export function crcSeedReader(db: Db) {
  const q = db.prepare<[string, number, number], CrcReading>(
    `SELECT t, crc_errors FROM measurements
     WHERE site_id = ? AND t < ? AND t >= ? AND crc_errors IS NOT NULL ORDER BY t DESC LIMIT 1`,
  );
  return (siteId: string, rows: readonly CrcReading[]): CrcReading | null => {
    const first = rows.find((r) => r.crc_errors !== null);
    return first ? (q.get(siteId, first.t, first.t - crcLookbackMs) ?? null) : null;
  };
}
