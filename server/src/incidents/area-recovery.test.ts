import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createStore, openDb } from '../store/index.js';
import { addLine, recordTransition } from '../testing/transitions.js';
import { followLines } from './area-joining.js';
import { defaultIncidentConfig } from './config.js';
import { createIncidentContext } from './context.js';
import { createIncidentProcessor } from './processor.js';

/** The area incident's timeline says "all lines back" once per recovery, not once per correction of it. */
describe('an area incident’s recovery', () => {
  it('is recorded once, however often a line’s end is corrected from its records', () => {
    const store = createStore(openDb(':memory:'));
    const orgId = store.users.defaultOrgId(0);
    let now = Date.parse('2026-03-02T10:00:00Z');
    const processor = createIncidentProcessor({
      store,
      now: () => now,
      config: defaultIncidentConfig,
      log: pino({ level: 'silent' }),
      onChange: () => {},
    });
    const ids = ['A', 'B', 'C'].map((n) => addLine(store, orgId, n, 'Telekom', '10115'));
    for (const id of ids) recordTransition(store, id, { to: 'down', cause: 'line_sync_lost', at: now, now });
    processor.process();
    const areaId = store.incidents.openForSite(ids[0] as string)?.parent_id as string;
    expect(areaId).toBeTruthy();

    now += 60_000;
    for (const id of ids) recordTransition(store, id, { to: 'up', cause: null, at: now, now });
    processor.process();
    const recoveries = () => store.incidents.events(areaId).filter((e) => e.kind === 'recovered');
    expect(recoveries()).toHaveLength(1);

    // The boxes' records later tell the lines were back 20 s earlier: the area's time moves, its timeline does not grow.
    for (const id of ids) {
      const line = store.incidents.openForSite(id);
      store.incidents.update(line?.id as string, { recovered_at: now - 20_000 }, now);
    }
    const { ctx, flush } = createIncidentContext({
      store,
      config: defaultIncidentConfig,
      onChange: () => {},
    });
    store.tx(() => followLines(ctx, areaId, now));
    flush();
    expect(recoveries()).toHaveLength(1);
    expect(store.incidents.get(areaId)?.recovered_at).toBe(now - 20_000);
  });
});
