import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logTime, maxLogEntries, parseDeviceLog } from './device-log.js';

describe('parseDeviceLog', () => {
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Europe/Berlin';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('reads German FRITZ!Box lines in the agent time zone, newest first', () => {
    const log = [
      '15.07.24 09:12:30 DSL antwortet nicht (Keine DSL-Synchronisierung).',
      '15.07.24 09:11:58 Internetverbindung wurde getrennt.',
      '',
      '14.01.24 23:59:59 Anmeldung beim Internetanbieter ist fehlgeschlagen.',
    ].join('\r\n');
    expect(parseDeviceLog(log)).toEqual([
      { at: '2024-07-15T09:12:30+02:00', text: 'DSL antwortet nicht (Keine DSL-Synchronisierung).' },
      { at: '2024-07-15T09:11:58+02:00', text: 'Internetverbindung wurde getrennt.' },
      { at: '2024-01-14T23:59:59+01:00', text: 'Anmeldung beim Internetanbieter ist fehlgeschlagen.' },
    ]);
  });

  it('keeps lines without a time stamp, and impossible dates, with at: null', () => {
    expect(
      parseDeviceLog('weitere Meldung ohne Zeit\n31.02.24 10:00:00 PPPoE-Fehler: Zeitüberschreitung.'),
    ).toEqual([
      { at: null, text: 'weitere Meldung ohne Zeit' },
      { at: null, text: 'PPPoE-Fehler: Zeitüberschreitung.' },
    ]);
  });

  it('keeps at most 20 entries and 500 characters each', () => {
    const lines = Array.from(
      { length: 50 },
      (_, i) => `01.03.24 10:00:${String(i % 60).padStart(2, '0')} ${'x'.repeat(600)}`,
    );
    const entries = parseDeviceLog(lines.join('\n'));
    expect(entries).toHaveLength(maxLogEntries);
    expect(entries[0]?.text).toHaveLength(500);
    expect(entries[19]?.at).toBe('2024-03-01T10:00:19+01:00');
  });

  it('rejects out-of-range fields', () => {
    expect(logTime(24, 13, 1, 0, 0, 0)).toBeNull();
    expect(logTime(24, 1, 1, 24, 0, 0)).toBeNull();
    expect(logTime(24, 2, 29, 12, 0, 0)).toBe('2024-02-29T12:00:00+01:00');
    expect(logTime(23, 2, 29, 12, 0, 0)).toBeNull();
  });
});
