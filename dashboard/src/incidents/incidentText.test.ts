import type { Incident } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { euros, eventText, incidentBadge, incidentDurationMs, topLevel } from './incidentText';

describe('eventText', () => {
  it('counts an area incident’s lines when it opens and when all are back', () => {
    expect(eventText({ kind: 'opened', data: { kind: 'area', area: '041', sites: 3 } }, 'de')).toEqual({
      key: 'event.openedArea',
      params: { count: 3 },
    });
    expect(eventText({ kind: 'recovered', data: { sites: 10 } }, 'en')).toEqual({
      key: 'event.recoveredArea',
      params: { count: 10 },
    });
    expect(eventText({ kind: 'recovered', data: { status: 'up', cause: null } }, 'en').key).toBe(
      'event.recovered',
    );
  });

  it('words a status change with catalogue labels', () => {
    const text = eventText(
      { kind: 'status_changed', data: { from: 'up', to: 'down', cause: 'line_sync_lost' } },
      'en',
    );
    expect(text.key).toBe('event.status_changed');
    expect(text.params).toMatchObject({ from: 'Up', to: 'Down', cause: 'Line sync lost' });
  });

  it('takes notes, tickets and joined sites from the data, and tolerates garbage', () => {
    expect(eventText({ kind: 'note', data: { text: 'Called customer' } }, 'de').params.text).toBe(
      'Called customer',
    );
    expect(
      eventText({ kind: 'reported', data: { carrier: 'Telekom', number: 'T-1' } }, 'de').params,
    ).toMatchObject({
      carrier: 'Telekom',
      number: 'T-1',
    });
    expect(eventText({ kind: 'site_joined', data: { siteId: 's1' } }, 'en', () => 'Bakery').params.site).toBe(
      'Bakery',
    );
    expect(eventText({ kind: 'opened', data: { cause: 42, from: null } }, 'en').params).toMatchObject({
      cause: '',
      from: '',
    });
  });
});

describe('incidentDurationMs', () => {
  it('runs to recovery, or to now while still down', () => {
    const started = { startedAt: '2025-01-01T10:00:00Z', resolvedAt: null };
    expect(incidentDurationMs({ ...started, recoveredAt: '2025-01-01T10:30:00Z' }, 0)).toBe(1_800_000);
    expect(incidentDurationMs({ ...started, recoveredAt: null }, Date.parse('2025-01-01T11:00:00Z'))).toBe(
      3_600_000,
    );
  });
});

describe('euros', () => {
  it('formats cents as euros', () => {
    expect(euros(1250, 'de')).toBe('12,50\u00a0€');
    expect(euros(500, 'en')).toBe('€5.00');
  });
});

describe('cause corrections and badges', () => {
  it('words a cause correction with both causes, not statuses', () => {
    const text = eventText(
      { kind: 'cause_corrected', data: { from: 'agent_silent', to: 'power_or_device', why: 'rebooted' } },
      'en',
    );
    expect(text.key).toBe('event.cause_corrected');
    expect(text.params.from).toBe(
      eventText({ kind: 'opened', data: { cause: 'agent_silent' } }, 'en').params.cause,
    );
    expect(text.params.cause).not.toBe('');
    expect(text.params.cause).not.toBe(text.params.from);
  });

  it('shows "back up" once the line recovered, the status while it is down', () => {
    const down = { status: 'down' as const, recoveredAt: null, resolvedAt: null };
    expect(incidentBadge(down)).toEqual({ status: 'down', label: null });
    expect(incidentBadge({ ...down, recoveredAt: '2025-01-01T10:30:00Z' })).toEqual({
      status: 'up',
      label: 'incident.badge.recovered',
    });
    expect(incidentBadge({ ...down, recoveredAt: 'x', resolvedAt: 'y' }).label).toBe(
      'incident.badge.resolved',
    );
  });
});

describe('topLevel', () => {
  const incident = (id: string, parentId: string | null) => ({ id, parentId }) as Incident;
  it('lists an area outage once, without its lines, and keeps lines whose area incident is not listed', () => {
    const list = [
      incident('area', null),
      incident('a1', 'area'),
      incident('lone', null),
      incident('b1', 'other'),
    ];
    expect(topLevel(list).map((i) => i.id)).toEqual(['area', 'lone', 'b1']);
  });
});
