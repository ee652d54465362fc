import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { liveIncident, makeIncident } from './incidentFixture';
import { createIncidentRefresh } from './incidentRefresh';

/** A query client holding data for the dashboard's incident, site and unrelated queries. */
function setup() {
  const queryClient = new QueryClient();
  const keys = {
    openList: ['incidents', 'open'],
    siteList: ['incidents', 'all', 'site-1'],
    a: ['incident', 'a'],
    aReport: ['incident', 'a', 'report', 'de'],
    b: ['incident', 'b'],
    site: ['site', 'site-1'],
  } as const;
  for (const key of Object.values(keys)) queryClient.setQueryData(key, { cached: true });
  const timers: (() => void)[] = [];
  const refresh = createIncidentRefresh(queryClient, {
    setTimer: (callback) => timers.push(callback),
    clearTimer: () => {},
  });
  const invalidated = () =>
    Object.entries(keys)
      .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
      .map(([name]) => name);
  return { refresh, timers, invalidated };
}

describe('incident refresh on live incident events', () => {
  it('refreshes the incident lists and the changed incident, once for a burst of changes', () => {
    const { refresh, timers, invalidated } = setup();
    const a = makeIncident({ id: 'a' });
    refresh.changed(liveIncident('opened', a));
    refresh.changed(liveIncident('changed', a));
    expect(timers).toHaveLength(1);
    expect(invalidated()).toEqual([]);
    timers[0]?.();
    expect(invalidated()).toEqual(['openList', 'siteList', 'a', 'aReport']);
  });

  it('refreshes every incident when it cannot tell which changed', () => {
    const { refresh, timers, invalidated } = setup();
    refresh.changed(liveIncident('resolved', makeIncident({ id: 'b' })));
    refresh.changed(null);
    timers[0]?.();
    expect(invalidated()).toEqual(['openList', 'siteList', 'a', 'aReport', 'b']);
  });

  it('starts a new burst after a refresh', () => {
    const { refresh, timers } = setup();
    refresh.changed(liveIncident('opened'));
    timers[0]?.();
    refresh.changed(liveIncident('changed'));
    expect(timers).toHaveLength(2);
  });
});
