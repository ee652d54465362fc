import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentStatusMessage, agentTopic } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startBroker } from './testing/broker.js';
import { listeningPort, loopbackOnlyProbes } from './testing/loopback.js';

/** The entry point as a real process: exit codes, streams and signals. */

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const logins: Record<string, string> = { 'agent-proc': 'secret' };
let broker: Awaited<ReturnType<typeof startBroker>>;
let target: Awaited<ReturnType<typeof listeningPort>>;
/** A never-enrolled box's config that keeps `check` on loopback. */
const loopbackConfig = join(mkdtempSync(join(tmpdir(), 'lw-cli-')), 'agent.json');
writeFileSync(loopbackConfig, JSON.stringify({ probes: loopbackOnlyProbes }));

beforeAll(async () => {
  broker = await startBroker(logins);
  target = await listeningPort();
});
afterAll(async () => {
  await target.close();
  await broker.close();
});

function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, LINEWATCH_AGENT_CONFIG: loopbackConfig, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, out: () => out, err: () => err };
}

describe('linewatch-agent (process)', () => {
  it('prints a usage error on stderr and exits 64', async () => {
    const p = start(['check', '--bogus']);
    expect(await p.exited).toBe(64);
    expect(p.err()).toBe(`Unknown option '--bogus'. See "linewatch-agent check --help".\n`);
  });

  it('check exits with the verdict', async () => {
    const address = `127.0.0.1:${target.port}`;
    const p = start(['check', '--json', '--targets', address, '--router', address]);
    expect(await p.exited).toBe(0);
    expect(JSON.parse(p.out())).toMatchObject({ status: 'up' });
  });

  it('run says goodbye and exits 0 on SIGTERM', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'lw-proc-')), 'agent.json');
    writeFileSync(
      config,
      JSON.stringify({
        server: { url: 'http://127.0.0.1:9' },
        agentId: 'agent-proc',
        mqtt: { url: broker.url, username: 'agent-proc', password: 'secret' },
        probes: loopbackOnlyProbes,
      }),
    );
    const address = `127.0.0.1:${target.port}`;
    const p = start(['run', '--config', config, '--targets', address, '--router', address]);
    const statuses = (from: number) =>
      broker.seen
        .slice(from)
        .filter((m) => m.topic === agentTopic('agent-proc', 'status'))
        .map((m) => AgentStatusMessage.parse(m.json));
    await eventually(() => statuses(0).some((s) => s.state === 'online'), 20_000);
    const stopAt = broker.seen.length;
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(statuses(stopAt).map((s) => s.reason)).toEqual(['shutdown']);
    expect(p.out()).toMatch(/"msg":"agent started"/);
  });
});
