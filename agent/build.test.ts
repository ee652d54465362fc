import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentEnv, buildAgent, externalDependencies, nodeFlags } from './build.js';

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

  /**
   * Runs `run` on an enrolled config (a broker nobody listens on) until the
   * log says `until`; returns the log. `dist` is the bundle's directory.
   */
  async function runUntil(dist: string, until: RegExp): Promise<string> {
    const work = mkdtempSync(join(dir, 'run-'));
    const config = join(work, 'agent.json');
    writeFileSync(
      config,
      JSON.stringify({
        server: { url: 'http://127.0.0.1:9' },
        agentId: 'bundle-test',
        mqtt: { url: 'mqtt://127.0.0.1:9', username: 'bundle-test', password: 'x' },
        intervalSeconds: 3600,
        probes: {
          targets: ['127.0.0.1:9'],
          router: { address: '127.0.0.1' },
          icmp: false,
          systemResolver: false,
          resolvers: [],
        },
      }),
    );
    const child = spawn(
      process.execPath,
      [...nodeFlags, join(dist, 'linewatch-agent.mjs'), 'run', '--config', config],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        // As under systemd; pnpm's NODE_PATH would find the checkout's modules.
        env: { PATH: process.env.PATH },
      },
    );
    let log = '';
    const done = new Promise<void>((resolve) => {
      const look = (chunk: Buffer) => {
        log += chunk.toString();
        if (until.test(log)) resolve();
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      child.on('exit', () => resolve());
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await done;
    clearTimeout(timer);
    child.kill('SIGKILL');
    return log;
  }

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

  it('leaves the native modules out, and names them in a package.json beside it', () => {
    const agent = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(externalDependencies).toEqual(['better-sqlite3']);
    expect(manifest).toMatchObject({
      private: true,
      dependencies: { 'better-sqlite3': agent.dependencies['better-sqlite3'] },
    });
    expect(Object.keys(manifest.dependencies)).toEqual([...externalDependencies]);
    expect(readFileSync(bundle, 'utf8')).not.toMatch(/\bfrom\s*["']better-sqlite3["']/);
  });

  it('says what to install when better-sqlite3 is missing, and keeps trying', async () => {
    // `dir` has no node_modules anywhere above it (a temp directory).
    const log = await runUntil(dir, /cannot start the agent yet/);
    expect(log).toContain("The agent's outbox needs the Node.js module better-sqlite3");
    expect(log).toContain('npm install --omit=dev');
  }, 30_000);

  it('runs with better-sqlite3 installed beside it, the outbox on disk', async () => {
    const dist = mkdtempSync(join(dir, 'dist-'));
    writeFileSync(join(dist, 'linewatch-agent.mjs'), readFileSync(bundle));
    mkdirSync(join(dist, 'node_modules'));
    // As `npm install` in that directory would leave it.
    symlinkSync(
      fileURLToPath(new URL('./node_modules/better-sqlite3', import.meta.url)),
      join(dist, 'node_modules', 'better-sqlite3'),
    );
    const log = await runUntil(dist, /"msg":"agent started"/);
    expect(log).toContain('"msg":"agent started"');
    const started = JSON.parse(log.split('\n').find((l) => l.includes('"agent started"')) ?? '{}');
    expect(existsSync(started.outbox)).toBe(true);
  }, 30_000);

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
