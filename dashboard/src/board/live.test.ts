import { describe, expect, it, vi } from 'vitest';
import { makeSite } from '../sites/siteFixture';
import { liveIncident } from './incidentFixture';
import { type EventSourceLike, type LiveFeedOptions, openLiveFeed } from './live';

class FakeEventSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((event: Event) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  emit(type: string, data?: string): void {
    if (type === 'open') this.readyState = 1;
    const event = Object.assign(new Event(type), data === undefined ? {} : { data });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** A network error: the browser keeps trying (CONNECTING). */
  drop(): void {
    this.readyState = 0;
    this.emit('error');
  }

  /** An HTTP error answer: the browser gives up (CLOSED). */
  refuse(): void {
    this.readyState = 2;
    this.emit('error');
  }
}

function setup(overrides: Partial<LiveFeedOptions> = {}) {
  const sources: FakeEventSource[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const calls = {
    onSite: vi.fn(),
    onSiteDeleted: vi.fn(),
    onDetection: vi.fn(),
    onOpen: vi.fn(),
    onPause: vi.fn(),
    onGiveUp: vi.fn(),
    onInvalid: vi.fn(),
    onIncident: vi.fn(),
  };
  const feed = openLiveFeed({
    url: '/api/v1/events',
    ...calls,
    createEventSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
    retryDelaysMs: [100, 1000],
    setTimer: (callback, ms) => {
      timers.push({ callback, ms });
      return timers.length;
    },
    clearTimer: vi.fn(),
    ...overrides,
  });
  const latest = () => {
    const source = sources.at(-1);
    if (!source) throw new Error('no event source');
    return source;
  };
  return { feed, sources, timers, calls, latest };
}

describe('openLiveFeed', () => {
  it('passes valid site events on', () => {
    const { latest, calls } = setup();
    const site = makeSite({ status: 'down', cause: 'power_or_device' });
    latest().emit('open');
    latest().emit('site', JSON.stringify(site));
    expect(latest().url).toBe('/api/v1/events');
    expect(calls.onOpen).toHaveBeenCalledTimes(1);
    expect(calls.onSite).toHaveBeenCalledWith(site);
  });

  it('reports events that are not valid sites instead of showing them', () => {
    const { latest, calls } = setup();
    latest().emit('site', '{not json');
    latest().emit('site', JSON.stringify({ id: 'x' }));
    expect(calls.onSite).not.toHaveBeenCalled();
    expect(calls.onInvalid).toHaveBeenCalledTimes(2);
  });

  it('passes deletions on, and reports a deletion without a valid id', () => {
    const { latest, calls } = setup();
    const site = makeSite();
    latest().emit('site_deleted', JSON.stringify({ id: site.id }));
    latest().emit('site_deleted', JSON.stringify({ id: 'not-an-id' }));
    expect(calls.onSiteDeleted.mock.calls).toEqual([[site.id]]);
    expect(calls.onInvalid).toHaveBeenCalledTimes(1);
  });

  it('passes the server’s detection state on', () => {
    const { latest, calls } = setup();
    const cut = { state: 'cut_off', reason: 'mass_silence', since: '2026-03-02T03:12:00.000Z' };
    latest().emit('detection', JSON.stringify(cut));
    latest().emit('detection', JSON.stringify({ state: 'gone' }));
    expect(calls.onDetection.mock.calls).toEqual([[cut]]);
    expect(calls.onInvalid).toHaveBeenCalledTimes(1);
  });

  it('passes incident events on, and an unreadable one as null (refresh them all)', () => {
    const { latest, calls } = setup();
    const change = liveIncident('opened');
    latest().emit('incident', JSON.stringify(change));
    latest().emit('incident', JSON.stringify({ change: 'exploded', incident: change.incident }));
    expect(calls.onIncident.mock.calls).toEqual([[change], [null]]);
    expect(calls.onSite).not.toHaveBeenCalled();
    expect(calls.onInvalid).not.toHaveBeenCalled();
  });

  it('pauses once on a network error and resumes when the browser reconnects', () => {
    const { latest, calls, sources } = setup();
    latest().emit('open');
    latest().drop();
    latest().drop();
    expect(calls.onPause).toHaveBeenCalledTimes(1);
    expect(calls.onGiveUp).not.toHaveBeenCalled();
    latest().emit('open');
    expect(calls.onOpen).toHaveBeenCalledTimes(2);
    expect(sources).toHaveLength(1);
    latest().drop();
    expect(calls.onPause).toHaveBeenCalledTimes(2);
  });

  it('reopens with back-off after the browser gives up', () => {
    const { latest, calls, sources, timers } = setup();
    const first = latest();
    first.refuse();
    expect(first.closed).toBe(true);
    expect(calls.onPause).toHaveBeenCalledTimes(1);
    expect(calls.onGiveUp).toHaveBeenCalledTimes(1);
    expect(timers.map((t) => t.ms)).toEqual([100]);

    timers[0]?.callback();
    expect(sources).toHaveLength(2);
    latest().refuse();
    timers[1]?.callback();
    latest().refuse();
    expect(timers.map((t) => t.ms)).toEqual([100, 1000, 1000]);
    expect(calls.onPause).toHaveBeenCalledTimes(1);

    timers[2]?.callback();
    latest().emit('open');
    expect(calls.onOpen).toHaveBeenCalledTimes(1);
    latest().refuse();
    expect(timers.at(-1)?.ms).toBe(100);
  });

  it('stops everything on close and ignores late events', () => {
    const clearTimer = vi.fn();
    const { feed, latest, calls, timers } = setup({ clearTimer });
    const first = latest();
    first.refuse();
    feed.close();
    expect(clearTimer).toHaveBeenCalledWith(1);
    first.emit('site', JSON.stringify(makeSite()));
    expect(calls.onSite).not.toHaveBeenCalled();
    expect(timers).toHaveLength(1);
  });

  it('closes the open source on close', () => {
    const { feed, latest } = setup();
    const source = latest();
    feed.close();
    expect(source.closed).toBe(true);
  });
});
