import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LatestMeasurement } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import type { EnrolledAgent } from '../support/agent.js';
import { lineFixture } from '../support/line-fixture.js';
import type { Proc } from '../support/processes.js';
import { producedSamples, storedSamples } from '../support/samples.js';
import { eventually } from '../support/server.js';

/**
 * Acceptance 3 of issue 4: a Raspberry Pi without a real-time clock may run
 * days off until NTP syncs — which needs the internet that is down. Agents
 * here run under libfaketime (Debian's `faketime`), their wall clock days
 * off, their monotonic clock true, and no NTP sync (`clockSynced: false`).
 * The server dates their samples from what it observes, so the outage and
 * "latest" are right anyway.
 */
const day = 86_400_000;
const intervalSeconds = 1;

/** libfaketime's preload library, wherever the distribution put it. */
function libfaketime(): string {
  for (const dir of [
    '/usr/lib/x86_64-linux-gnu/faketime',
    '/usr/lib/aarch64-linux-gnu/faketime',
    '/usr/lib/faketime',
  ]) {
    if (existsSync(join(dir, 'libfaketime.so.1'))) return join(dir, 'libfaketime.so.1');
  }
  const lib = readdirSync('/usr/lib').find((d) =>
    existsSync(join('/usr/lib', d, 'faketime', 'libfaketime.so.1')),
  );
  if (!lib) throw new Error('libfaketime not found: apt-get install faketime (.ci/run does)');
  return join('/usr/lib', lib, 'faketime', 'libfaketime.so.1');
}

const f = lineFixture({ LINEWATCH_CONFIRM_DELAY_SECONDS: '3' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function skewedAgent(
  name: string,
  offset: string,
): Promise<{ agent: EnrolledAgent; siteId: string; proc: Proc }> {
  const { agent, siteId } = await f.enroll(name, { intervalSeconds });
  const proc = f.run(agent, undefined, {
    LD_PRELOAD: libfaketime(),
    FAKETIME: offset,
    // The monotonic clock stays true, as on a Pi whose wall clock is wrong.
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  });
  return { agent, siteId, proc };
}

describe('an agent whose clock is days off, with no NTP', () => {
  it('dates the outage and "latest" by server-corrected time', { timeout: 180_000 }, async () => {
    const behind = await skewedAgent('Clock 3 days behind', '-3d');
    const ahead = await skewedAgent('Clock 1 day ahead', '+1d');
    const { server } = f;
    for (const a of [behind, ahead]) {
      await eventually(async () => (await server.site(a.siteId)).status === 'up', 30_000);
    }
    await sleep(3000);

    // The line fails and returns; the agents' records of it arrive afterwards.
    const cutAt = Date.now();
    await f.cut();
    await sleep(15_000);
    const restoredAt = Date.now();
    f.restore();

    for (const [a, skew] of [
      [behind, -3 * day],
      [ahead, day],
    ] as const) {
      // Everything the agent produced up to a moment after the line returned is stored (backlog included).
      const producedBy = producedSamples(a.proc.output()).length;
      await eventually(
        () => {
          const stored = new Set(storedSamples(server.dataDir, a.agent.agentId).map((s) => s.id));
          const produced = producedSamples(a.proc.output()).slice(0, producedBy);
          // …and the first round after the line came back, which a busy machine may deliver later.
          const upAgain = storedSamples(server.dataDir, a.agent.agentId).some(
            (s) => s.kind === 'measurement' && s.t >= restoredAt && s.status === 'up',
          );
          return upAgain && produced.every((id) => stored.has(id));
        },
        90_000,
        200,
      );
      const stored = storedSamples(server.dataDir, a.agent.agentId);
      const measurements = stored.filter((s) => s.kind === 'measurement');
      // The agent's clock really was off, and it said so.
      for (const s of measurements) expect(Math.abs((s.agentT ?? 0) - s.t - skew)).toBeLessThan(60_000);
      // The outage, dated from the samples, on the server's clock, to within one round.
      const firstDown = measurements.find((s) => s.t >= cutAt && s.status === 'down');
      const firstUp = measurements.find((s) => s.t >= restoredAt && s.status === 'up');
      // On failure, show what was stored around the return, not just a number.
      const around = measurements
        .filter((s) => s.t >= restoredAt - 3000)
        .slice(0, 6)
        .map((s) => `${s.t - restoredAt}ms ${s.status}/${s.cause}`);
      expect(Math.abs((firstDown?.t ?? 0) - cutAt)).toBeLessThanOrEqual(intervalSeconds * 1000 + 500);
      expect(Math.abs((firstUp?.t ?? 0) - restoredAt), around.join(', ')).toBeLessThanOrEqual(
        intervalSeconds * 1000 + 500,
      );
      // Nothing is dated in the past or the future.
      for (const s of stored) expect(s.t).toBeLessThanOrEqual(Date.now());
      expect(stored.every((s) => s.t > cutAt - 60_000)).toBe(true);

      // "Latest" is the newest sample on the server's clock, not the agent's.
      const latest = LatestMeasurement.parse(
        await (await server.api(`/api/v1/sites/${a.siteId}/latest`)).json(),
      );
      // Seconds old at most (a busy machine delays rounds), never days.
      expect(Math.abs(Date.parse(latest.at) - Date.now())).toBeLessThan(30_000);
      expect(latest.measurement.clockSynced).toBe(false);
      const site = await server.site(a.siteId);
      expect(site.status).toBe('up');
      expect(Math.abs(Date.parse(site.lastSeenAt ?? '') - Date.now())).toBeLessThan(30_000);
    }
  });
});
