import { DetectionState } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/fixtures.js';
import { readSse } from '../../testing/sse.js';

/**
 * The server's own uplink, as the dashboards see it: its probes (a stand-in
 * for the TCP connects, answering as told) fail at start-up, so it looks
 * cut off; once one answers again, the live feed says so.
 */
let server: TestServer;
let uplinkDown = true;

beforeAll(async () => {
  server = await startTestServer(
    { uplinkTargets: ['uplink-1.example:443', 'uplink-2.example:443'] },
    { uplinkProbe: async () => uplinkDown },
  );
});
afterAll(() => server.stop());

describe('GET /api/v1/detection', () => {
  it('needs a login', async () => {
    expect((await fetch(`${server.url}/api/v1/detection`)).status).toBe(401);
  });

  it('says the server is cut off while its probes fail, and the live feed tells when that ends', {
    timeout: 50_000,
  }, async () => {
    const cut = DetectionState.parse(await (await server.api('/api/v1/detection')).json());
    expect(cut).toMatchObject({ state: 'cut_off', reason: 'uplink_probes_failing' });
    expect(Date.parse(cut.since ?? '')).toBeLessThanOrEqual(Date.now());
    const feed = await readSse(`${server.url}/api/v1/events`, server.cookie);
    try {
      uplinkDown = false;
      // The next probe round (every 15 s) finds the uplink back.
      const back = await feed.next((e) => e.event === 'detection', 35_000);
      expect(DetectionState.parse(JSON.parse(back.data))).toEqual({
        state: 'normal',
        reason: null,
        since: null,
      });
    } finally {
      feed.close();
    }
    const after = DetectionState.parse(await (await server.api('/api/v1/detection')).json());
    expect(after.state).toBe('normal');
  });
});
