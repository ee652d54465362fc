import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentError } from '../errors.js';
import { blackholePort, listeningPort, loopbackOnlyProbes } from '../testing/loopback.js';
import { parseCommand } from './args.js';
import { check } from './check.js';
import type { CheckReport } from './verdict.js';

/** `check` for real, against loopback listeners only: every test overrides targets and router. */

let open: Awaited<ReturnType<typeof listeningPort>>;
let silent: Awaited<ReturnType<typeof blackholePort>>;
const dir = mkdtempSync(join(tmpdir(), 'lw-check-'));
/** Short timeouts so that silent targets cost little. */
const fastConfig = join(dir, 'fast.json');
/** A never-enrolled box's config that keeps every probe on loopback. */
const loopbackConfig = join(dir, 'loopback.json');

beforeAll(async () => {
  open = await listeningPort();
  silent = await blackholePort();
  writeFileSync(
    fastConfig,
    JSON.stringify({ probes: { ...loopbackOnlyProbes, icmp: false, timeoutMs: 200, attempts: 2 } }),
  );
  // ICMP off: these tests make "the internet" a silent TCP port on 127.0.0.1, which still answers ping.
  writeFileSync(loopbackConfig, JSON.stringify({ probes: { ...loopbackOnlyProbes, icmp: false } }));
});
afterAll(async () => {
  await open.close();
  await silent.close();
});

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    env: { LINEWATCH_AGENT_CONFIG: loopbackConfig, ...env },
    out: (t: string) => out.push(t),
    err: (t: string) => err.push(t),
  };
  const exitCode = await check(parseCommand('check', args), io);
  return { exitCode, out: out.join(''), err: err.join('') };
}
const json = (text: string) => JSON.parse(text) as CheckReport;
const at = (port: number) => `127.0.0.1:${port}`;

describe('linewatch-agent check', () => {
  it('works on a box that was never enrolled and exits 0 for a line that is up', async () => {
    const { exitCode, out, err } = await run([
      '--json',
      '--targets',
      at(open.port),
      '--router',
      at(open.port),
    ]);
    expect(err).toBe('');
    expect(exitCode).toBe(0);
    const report = json(out);
    expect(report).toMatchObject({
      status: 'up',
      cause: null,
      router: { address: '127.0.0.1', reachable: true },
    });
    expect(report.checks).toHaveLength(2);
    expect(report.checks[1]).toMatchObject({
      name: 'tcp',
      target: at(open.port),
      sent: 3,
      received: 3,
      ok: true,
    });
  });

  it('exits 2 with internet_unreachable when the router answers and nothing else does', async () => {
    const { exitCode, out } = await run([
      '--config',
      fastConfig,
      '--targets',
      `${at(silent.port)},${at(silent.port)}`,
      '--router',
      at(open.port),
    ]);
    expect(exitCode).toBe(2);
    expect(out).toMatch(/^✖ Line: Down — Internet unreachable\n/);
  });

  it('exits 2 with router_unreachable when the router is silent too, and speaks German', async () => {
    const { exitCode, out } = await run(
      ['--config', fastConfig, '--targets', at(silent.port), '--router', at(silent.port)],
      { LANG: 'de_DE.UTF-8' },
    );
    expect(exitCode).toBe(2);
    expect(out).toMatch(/^✖ Leitung: Gestört — Router nicht erreichbar\n/);
    expect(out).toContain(`  ✖ Router 127.0.0.1 (vorgegeben): keine Antwort (port ${silent.port}: timeout)`);
  });

  it('exits 1 for a degraded line, by the thresholds of the config', async () => {
    const { exitCode, out } = await run([
      '--json',
      '--config',
      fastConfig,
      '--targets',
      `${at(open.port)},${at(silent.port)}`,
      '--router',
      at(open.port),
    ]);
    expect(exitCode).toBe(1);
    expect(json(out)).toMatchObject({ status: 'degraded', cause: 'high_loss', figures: { lossPct: 50 } });
  });

  it('insists on a config file named with --config', async () => {
    const missing = join(dir, 'missing.json');
    const error = await run([
      '--config',
      missing,
      '--targets',
      at(open.port),
      '--router',
      at(open.port),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentError);
    expect((error as AgentError).message).toBe(`The config file ${missing} does not exist.`);
    expect((error as AgentError).exitCode).toBe(78);
  });
});
