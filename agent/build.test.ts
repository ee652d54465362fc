import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentEnv, buildAgent, nodeFlags } from './build.js';

const run = promisify(execFile);
const unit = readFileSync(new URL('./linewatch-agent.service', import.meta.url), 'utf8');

describe('the systemd unit', () => {
  it('runs the bundle with the production node flags', () => {
    const execStart = /^ExecStart=(.*)$/m.exec(unit)?.[1];
    expect(execStart).toBe(
      `/usr/bin/node ${nodeFlags.join(' ')} /opt/linewatch/agent/dist/linewatch-agent.mjs run --config /etc/linewatch/agent.json`,
    );
  });

  it('sets the production environment', () => {
    for (const [name, value] of Object.entries(agentEnv)) {
      expect(unit).toMatch(new RegExp(`^Environment=${name}=${value}$`, 'm'));
    }
  });
});

describe('the bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lw-agent-build-'));
  const bundle = join(dir, 'linewatch-agent.mjs');
  beforeAll(async () => {
    await buildAgent({ outfile: bundle });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the CLI under the production flags', async () => {
    const help = await run(process.execPath, [...nodeFlags, bundle, '--help']);
    expect(help.stdout).toContain('Usage: linewatch-agent <command>');
    for (const command of ['enroll', 'run', 'check']) {
      const { stdout } = await run(process.execPath, [...nodeFlags, bundle, command, '--help']);
      expect(stdout).toContain(`Usage: linewatch-agent ${command}`);
    }
    const bad = await run(process.execPath, [...nodeFlags, bundle, 'run', '--nonsense']).catch((e) => e);
    expect(bad.code).toBe(64);
  });

  // `--lite-mode` and `--jitless` switch WebAssembly off, and with it Node
  // 20's fetch (undici parses HTTP in WebAssembly), which `enroll` uses.
  it('keeps fetch working under the production flags', async () => {
    const server = createServer((_req, res) => res.end('ok')).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    try {
      const code = `fetch('http://127.0.0.1:${port}/').then((r) => r.text()).then((t) => process.stdout.write(t))`;
      const { stdout } = await run(process.execPath, [...nodeFlags, '--input-type=module', '-e', code]);
      expect(stdout).toBe('ok');
    } finally {
      server.close();
    }
  });
});
