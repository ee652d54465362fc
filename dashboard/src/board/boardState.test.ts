import { describe, expect, it } from 'vitest';
import { networkProblem } from '../api/errors';
import { makeSite } from '../sites/siteFixture';
import {
  type BoardAction,
  type BoardState,
  boardReducer,
  initialBoardState,
  withoutToken,
} from './boardState';

function run(actions: BoardAction[], state: BoardState = initialBoardState): BoardState {
  return actions.reduce(boardReducer, state);
}

describe('boardReducer', () => {
  const a = makeSite({ status: 'up' });
  const b = makeSite({ status: 'up' });

  it('shows the snapshot once loaded', () => {
    const state = run([
      { type: 'loadStarted', load: 1 },
      { type: 'loaded', load: 1, sites: [a, b] },
    ]);
    expect(state.loaded).toBe(true);
    expect([...state.sites.values()]).toEqual([a, b]);
    expect(state.buffered).toBeNull();
  });

  it('merges live events by id: replace or create', () => {
    const aDown = { ...a, status: 'down' as const, cause: 'line_sync_lost' as const };
    const c = makeSite();
    const state = run([
      { type: 'loadStarted', load: 1 },
      { type: 'loaded', load: 1, sites: [a, b] },
      { type: 'siteChanged', site: aDown },
      { type: 'siteChanged', site: c },
    ]);
    expect(state.sites.get(a.id)).toBe(aDown);
    expect(state.sites.get(c.id)).toBe(c);
    expect(state.sites.size).toBe(3);
  });

  it('replays events that arrived during a load over the (older) snapshot', () => {
    const aDown = { ...a, status: 'down' as const };
    const state = run([
      { type: 'loadStarted', load: 1 },
      { type: 'siteChanged', site: aDown },
      { type: 'loaded', load: 1, sites: [a, b] },
    ]);
    expect(state.sites.get(a.id)).toBe(aDown);
  });

  it('shows events at once even while a load is in flight', () => {
    const c = makeSite();
    const state = run([
      { type: 'loadStarted', load: 1 },
      { type: 'siteChanged', site: c },
    ]);
    expect(state.sites.get(c.id)).toBe(c);
  });

  it('drops a deleted site at once, and again from a snapshot taken before the deletion', () => {
    const dropped = run([
      { type: 'loadStarted', load: 1 },
      { type: 'loaded', load: 1, sites: [a, b] },
      { type: 'siteDeleted', id: a.id },
    ]);
    expect([...dropped.sites.keys()]).toEqual([b.id]);
    const replayed = run([
      { type: 'loadStarted', load: 1 },
      { type: 'siteDeleted', id: a.id },
      { type: 'loaded', load: 1, sites: [a, b] },
    ]);
    expect([...replayed.sites.keys()]).toEqual([b.id]);
  });

  it('knows whether the server looks cut off, and keeps it across loads', () => {
    const cut = {
      state: 'cut_off',
      reason: 'uplink_probes_failing',
      since: '2026-03-02T03:12:00.000Z',
    } as const;
    const state = run([
      { type: 'detectionChanged', detection: cut },
      { type: 'loadStarted', load: 1 },
      { type: 'loaded', load: 1, sites: [a] },
    ]);
    expect(state.detection).toEqual(cut);
    expect(initialBoardState.detection).toBeNull();
  });

  it('drops sites that vanished from a newer snapshot', () => {
    const state = run([
      { type: 'loadStarted', load: 1 },
      { type: 'loaded', load: 1, sites: [a, b] },
      { type: 'loadStarted', load: 2 },
      { type: 'loaded', load: 2, sites: [a] },
    ]);
    expect([...state.sites.keys()]).toEqual([a.id]);
  });

  it('ignores the answer of a superseded load but keeps the events for the newer one', () => {
    const aDown = { ...a, status: 'down' as const };
    const state = run([
      { type: 'loadStarted', load: 1 },
      { type: 'siteChanged', site: aDown },
      { type: 'loadStarted', load: 2 },
      { type: 'loaded', load: 1, sites: [a, b] },
      { type: 'loadFailed', load: 1, problem: networkProblem() },
    ]);
    expect(state.pendingLoad).toBe(2);
    expect(state.problem).toBeNull();
    const done = boardReducer(state, { type: 'loaded', load: 2, sites: [a, b] });
    expect(done.sites.get(a.id)).toBe(aDown);
  });

  it('keeps the shown list when a refresh fails, and clears the problem on the next success', () => {
    const failed = run([
      { type: 'loadStarted', load: 1 },
      { type: 'loaded', load: 1, sites: [a] },
      { type: 'loadStarted', load: 2 },
      { type: 'loadFailed', load: 2, problem: networkProblem() },
    ]);
    expect(failed.problem?.kind).toBe('network');
    expect(failed.sites.size).toBe(1);
    expect(failed.loaded).toBe(true);
    const recovered = run(
      [
        { type: 'loadStarted', load: 3 },
        { type: 'loaded', load: 3, sites: [a, b] },
      ],
      failed,
    );
    expect(recovered.problem).toBeNull();
  });

  it('tracks the live connection', () => {
    expect(run([{ type: 'livePaused' }]).live).toBe('paused');
    expect(run([{ type: 'livePaused' }, { type: 'liveOpened' }]).live).toBe('open');
  });
});

describe('withoutToken', () => {
  it('strips the one-time token', () => {
    const site = makeSite();
    expect(withoutToken({ ...site, enrollmentToken: 'secret' })).toEqual(site);
  });
});
