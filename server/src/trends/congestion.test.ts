import { describe, expect, it } from 'vitest';
import { trendConfig } from './config.js';
import { congestionFindings } from './congestion.js';
import { hourSeries } from './fixtures.js';
import { localHours } from './local-time.js';

const c = trendConfig().congestion;
const berlin = localHours('Europe/Berlin');
/** Monday 2026-06-15, 04:00 Berlin: the evenings of the 7 days before are complete. */
const now = Date.UTC(2026, 5, 15, 2);
const from = now - 7 * 86_400_000;
const isEvening = (t: number) => {
  const h = berlin(t).hour;
  return h >= 19 && h < 23;
};
/** The Berlin date of an instant's evening, to choose which evenings are congested. */
const dayIndex = (t: number) => Math.floor((t - from) / 86_400_000);

describe('congestionFindings', () => {
  it.each([
    { name: 'a flat 15 ms line gives nothing', at: () => ({ latencyP90Ms: 15 }), expected: null },
    {
      name: 'evenings at 28 ms instead of 15 ms: below +20 ms, nothing',
      at: (t: number) => ({ latencyP90Ms: isEvening(t) ? 28 : 15 }),
      expected: null,
    },
    {
      name: 'evenings at 60 ms on 4 of 7 days: info',
      at: (t: number) => ({ latencyP90Ms: isEvening(t) && dayIndex(t) % 2 === 0 ? 60 : 15 }),
      expected: { severity: 'info', congestedEvenings: 4, eveningsJudged: 7, eveningLatencyP90Ms: 60 },
    },
    {
      name: 'evenings at 60 ms on 2 of 7 days: chance, nothing',
      at: (t: number) => ({ latencyP90Ms: isEvening(t) && dayIndex(t) < 2 ? 60 : 15 }),
      expected: null,
    },
    {
      name: 'every evening at 80 ms: warning',
      at: (t: number) => ({ latencyP90Ms: isEvening(t) ? 80 : 15 }),
      expected: { severity: 'warning', congestedEvenings: 7, baselineLatencyP90Ms: 15 },
    },
    {
      name: '2 % loss on 3 evenings while the line is clean otherwise: info',
      at: (t: number) => ({ latencyP90Ms: 15, lossPct: isEvening(t) && dayIndex(t) < 3 ? 2 : 0 }),
      expected: { severity: 'info', congestedEvenings: 3, eveningLossPct: 2 },
    },
    {
      name: 'evening loss on a line that always loses 1 %: the line, not congestion',
      at: (t: number) => ({ latencyP90Ms: 15, lossPct: isEvening(t) ? 3 : 1 }),
      expected: null,
    },
    {
      name: 'evenings with one hour of data each do not count',
      at: (t: number) =>
        isEvening(t) && berlin(t).hour !== 20 ? null : { latencyP90Ms: isEvening(t) ? 80 : 15 },
      expected: null,
    },
    {
      name: 'no data for three days: 4 congested evenings of 4 judged',
      at: (t: number) =>
        dayIndex(t) >= 1 && dayIndex(t) <= 3 ? null : { latencyP90Ms: isEvening(t) ? 80 : 15 },
      expected: { severity: 'info', congestedEvenings: 4, eveningsJudged: 4 },
    },
    {
      name: 'no quiet hours to compare with: nothing',
      at: (t: number) => (isEvening(t) ? { latencyP90Ms: 80 } : null),
      expected: null,
    },
  ])('$name', ({ at, expected }) => {
    const found = congestionFindings(hourSeries(from, now, at), now, c);
    if (expected === null) return expect(found).toEqual([]);
    const { severity, ...evidence } = expected;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'evening_congestion', severity, evidence });
  });

  it('says what rose, in both languages', () => {
    const [f] = congestionFindings(
      hourSeries(from, now, (t) => ({
        latencyP90Ms: isEvening(t) ? 80.5 : 15,
        lossPct: isEvening(t) ? 1.5 : 0,
      })),
      now,
      c,
    );
    expect(f?.message.de).toBe(
      'An 7 von 7 Abenden (19–23 Uhr) Latenz (p90) 80,5 ms statt 15 ms und 1,5 % Paketverlust: ' +
        'Überlast im Netz des Anbieters zur Hauptnutzungszeit.',
    );
    expect(f?.message.en).toContain('latency (p90) 80.5 ms instead of 15 ms and 1.5 % packet loss');
  });
});

describe('the evening follows daylight saving time', () => {
  it.each([
    // summer time (UTC+2) until 2026-10-25 01:00 UTC, then UTC+1; back to summer time 2026-03-29 01:00 UTC
    { utc: '2026-10-24T17:00:00Z', local: { date: '2026-10-24', hour: 19 } },
    { utc: '2026-10-25T00:00:00Z', local: { date: '2026-10-25', hour: 2 } },
    // the repeated hour: 02:00 again
    { utc: '2026-10-25T01:00:00Z', local: { date: '2026-10-25', hour: 2 } },
    { utc: '2026-10-25T18:00:00Z', local: { date: '2026-10-25', hour: 19 } },
    { utc: '2026-03-28T18:00:00Z', local: { date: '2026-03-28', hour: 19 } },
    { utc: '2026-03-29T17:00:00Z', local: { date: '2026-03-29', hour: 19 } },
    { utc: '2026-12-31T23:00:00Z', local: { date: '2027-01-01', hour: 0 } },
  ])('$utc is $local.hour h in Berlin', ({ utc, local }) => {
    expect(localHours('Europe/Berlin')(Date.parse(utc))).toEqual(local);
  });

  /** Congestion at fixed UTC hours 17–18: local 19–20 h in summer time, 18–19 h in winter time. */
  const fixedUtc = (t: number) => ({ latencyP90Ms: [17, 18].includes(new Date(t).getUTCHours()) ? 80 : 15 });

  it.each([
    // 21–24 Oct (summer time): 19 and 20 h are slow, the evening's median is high; from the 25th only
    // 19 h is, and the median of the four evening hours stays at 15 ms
    { name: 'autumn', now: Date.parse('2026-10-28T03:00:00Z'), congested: 4 },
    // 26–28 Mar (winter time): one slow evening hour; from the 29th two
    { name: 'spring', now: Date.parse('2026-04-02T02:00:00Z'), congested: 4 },
  ])('$name: only the evenings whose local hours match count', ({ now: at, congested }) => {
    const hours = hourSeries(at - 7 * 86_400_000, at, fixedUtc);
    const [f] = congestionFindings(hours, at, c);
    expect(f?.evidence.congestedEvenings).toBe(congested);
  });
});
