import { describe, expect, it } from 'vitest';
import { availability, monthBounds, type OutageSpan } from './availability.js';

const t = (iso: string) => Date.parse(iso);
const minute = 60_000;
const march = monthBounds('2026-03', 'Europe/Berlin');
const span = (o: Partial<OutageSpan> & Pick<OutageSpan, 'start' | 'end'>): OutageSpan => ({
  siteId: 's1',
  status: 'down',
  cause: 'line_sync_lost',
  maintenance: false,
  ...o,
});

describe('monthBounds', () => {
  it('takes local midnights, across the change to summer time', () => {
    expect(march).toEqual([t('2026-02-28T23:00:00Z'), t('2026-03-31T22:00:00Z')]);
    expect(monthBounds('2026-12', 'Europe/Berlin')).toEqual([
      t('2026-11-30T23:00:00Z'),
      t('2026-12-31T23:00:00Z'),
    ]);
    expect(monthBounds('2026-07', 'UTC')).toEqual([t('2026-07-01T00:00:00Z'), t('2026-08-01T00:00:00Z')]);
  });
});

describe('availability', () => {
  const site = { id: 's1', createdAt: t('2026-01-01T00:00:00Z') };
  const afterMarch = t('2026-04-10T00:00:00Z');
  const watched = march[1] - march[0];

  it('counts overlapping outages once and splits the time by cause, the earlier incident first', () => {
    const [row] = availability(
      [site],
      [
        span({ start: t('2026-03-10T10:00:00Z'), end: t('2026-03-10T11:00:00Z') }),
        span({ start: t('2026-03-10T10:30:00Z'), end: t('2026-03-10T11:30:00Z'), cause: 'agent_silent' }),
      ],
      march,
      afterMarch,
    );
    expect(row?.outages).toBe(2);
    expect(row?.downMs).toBe(90 * minute);
    expect(row?.downMsByCause).toEqual({ line_sync_lost: 60 * minute, agent_silent: 30 * minute });
    expect(row?.watchedMs).toBe(watched);
    expect(row?.uptimePct).toBeCloseTo((100 * (watched - 90 * minute)) / watched, 10);
  });

  it('clips to the month, runs an open outage until now, and starts a new line at its creation', () => {
    const now = t('2026-03-20T12:00:00Z');
    const fresh = { id: 's2', createdAt: t('2026-03-20T00:00:00Z') };
    const rows = availability(
      [site, fresh],
      [
        span({ start: t('2026-02-28T22:00:00Z'), end: t('2026-03-01T00:00:00Z') }),
        span({ siteId: 's2', start: t('2026-03-20T11:00:00Z'), end: null, cause: null }),
      ],
      march,
      now,
    );
    expect(rows[0]?.downMs).toBe(60 * minute); // 23:00Z (local midnight) to 00:00Z
    expect(rows[0]?.watchedMs).toBe(now - march[0]);
    expect(rows[1]).toMatchObject({ outages: 1, downMs: 60 * minute, downMsByCause: { none: 60 * minute } });
    expect(rows[1]?.watchedMs).toBe(12 * 60 * minute);
  });

  it('reports maintenance and degradation apart, without lowering uptime', () => {
    const [row] = availability(
      [site],
      [
        span({ start: t('2026-03-05T02:00:00Z'), end: t('2026-03-05T04:00:00Z'), maintenance: true }),
        span({ start: t('2026-03-06T18:00:00Z'), end: t('2026-03-06T19:00:00Z'), status: 'degraded' }),
      ],
      march,
      afterMarch,
    );
    expect(row).toMatchObject({
      outages: 0,
      downMs: 0,
      maintenanceMs: 120 * minute,
      degradedMs: 60 * minute,
    });
    expect(row?.uptimePct).toBe(100);
  });

  it('has no uptime for a month the line was not watched', () => {
    const [row] = availability([{ id: 's1', createdAt: t('2026-05-01T00:00:00Z') }], [], march, afterMarch);
    expect(row).toMatchObject({ watchedMs: 0, uptimePct: null });
  });
});
