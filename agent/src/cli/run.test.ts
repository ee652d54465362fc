import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startBroker } from '../testing/broker.js';
import { listeningPort, loopbackOnlyProbes } from '../testing/loopback.js';
import { Backoff } from '../transport/backoff.js';
import { Daemon } from './run.js';

/** `run` does not give up on a bad start: it logs and tries again. */

const bootId = '3f1c2b9a-1111-4222-8333-444455556666';
const logins: Record<string, string> = { 'agent-late': 'secret' };
let broker: Awaited<ReturnType<typeof startBroker>>;
let target: Awaited<ReturnType<typeof listeningPort>>;

beforeAll(async () => {
  broker = await startBroker(logins);
  target = await listeningPort();
});
afterAll(async () => {
  await target.close();
  await broker.close();
});

function daemon(values: { config: string; state?: string }) {
  const logs: { msg: string; err?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const address = `127.0.0.1:${target.port}`;
  const d = new Daemon(
    { ...values, targets: address, router: address },
    { env: {}, out: () => {}, err: () => {} },
    {
      logger,
      kernelBootId: () => bootId,
      configBackoff: new Backoff({ baseMs: 20, capMs: 50 }),
      mqttBackoff: new Backoff({ baseMs: 20, capMs: 50 }),
    },
  );
  return { d, logs };
}

const enrolledConfig = () =>
  JSON.stringify({
    server: { url: 'http://127.0.0.1:9' },
    agentId: 'agent-late',
    mqtt: { url: broker.url, username: 'agent-late', password: 'secret' },
    intervalSeconds: 60,
    probes: loopbackOnlyProbes,
  });

describe('linewatch-agent run', () => {
  it('waits for a config to appear, then runs', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'lw-run-')), 'agent.json');
    const { d, logs } = daemon({ config });
    const started = d.start();
    await eventually(() =>
      logs.some((l) => l.err?.startsWith(`The config file ${config} does not exist yet; enroll`)),
    );
    writeFileSync(config, '{}');
    await eventually(() => logs.some((l) => l.err?.includes('has no enrollment yet')));
    writeFileSync(config, enrolledConfig());
    await started;
    await eventually(() => broker.connected('agent-late'));
    // The state file lies beside the config and holds the reservation; the outbox beside it.
    expect(JSON.parse(readFileSync(`${config}.state.json`, 'utf8'))).toEqual({
      bootId,
      seqReservedUntil: 1000,
    });
    expect(existsSync(`${config}.outbox.db`)).toBe(true);
    await d.stop();
  });

  it('keeps what the server did not acknowledge across a restart', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'lw-run-')), 'agent.json');
    writeFileSync(config, enrolledConfig());
    const first = daemon({ config });
    await first.d.start();
    // agent_started and the first measurement; nobody acknowledges them here.
    await eventually(() => first.d.agent?.pending === 2);
    await first.d.stop();
    const second = daemon({ config });
    await second.d.start();
    expect(second.logs.find((l) => l.msg === 'agent started')).toMatchObject({ pending: 2 });
    // The two from before and its own agent_started.
    expect(second.d.agent?.pending).toBeGreaterThanOrEqual(3);
    await second.d.stop();
  });

  it('sets an unusable outbox aside and runs with a fresh one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-run-'));
    const config = join(dir, 'agent.json');
    writeFileSync(config, enrolledConfig());
    writeFileSync(`${config}.outbox.db`, 'not a database');
    const { d, logs } = daemon({ config });
    await d.start();
    await eventually(() => broker.connected('agent-late'));
    expect(
      logs.filter((l) => l.msg.startsWith(`The outbox file ${config}.outbox.db is unusable`)),
    ).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.startsWith('agent.json.outbox.db.corrupt-'))).toHaveLength(1);
    expect(d.agent?.pending).toBeGreaterThan(0);
    await d.stop();
  });

  it('stops while waiting', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'lw-run-')), 'agent.json');
    writeFileSync(config, '{"keepaliveSeconds": "often"}');
    const { d, logs } = daemon({ config });
    const started = d.start();
    await eventually(() => logs.some((l) => l.err?.includes('"keepaliveSeconds" must be a whole number')));
    await d.stop();
    await started;
    expect(d.agent).toBeNull();
  });

  it('names a state file it cannot write, and keeps trying', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'lw-run-')), 'agent.json');
    writeFileSync(config, enrolledConfig());
    const { d, logs } = daemon({ config, state: '/dev/null/agent.state.json' });
    const started = d.start();
    await eventually(
      () =>
        logs.filter((l) => l.err?.startsWith('The state file /dev/null/agent.state.json cannot be written'))
          .length >= 2,
    );
    await d.stop();
    await started;
  });
});
