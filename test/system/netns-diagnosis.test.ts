import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { causeCatalogue } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canUseNetns, createTestNetwork, type TestNetwork } from '../support/netns.js';
import { root, tempDir } from '../support/processes.js';

/**
 * The agent's `check` in its own network namespace, behind a router
 * namespace, with "the internet" (a TCP target on 443 and a DNS server) in a
 * third. Faults are made for real: a link taken down, a DNS server stopped.
 */
const enabled = canUseNetns();
let net: TestNetwork;
let config: string;
const daemons: ChildProcess[] = [];

/** Starts a long-running program inside a namespace and waits for its "listening" line. */
async function startIn(ns: string, args: string[]): Promise<ChildProcess> {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  daemons.push(child);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/listening/.test(out)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return child;
}

let dns: ChildProcess;

beforeAll(async () => {
  if (!enabled) return;
  net = createTestNetwork();
  const dir = tempDir('netns');
  const target = join(dir, 'target.ts');
  writeFileSync(
    target,
    `import { createServer } from 'node:net';
createServer((s) => s.end()).listen(443, '${net.addr.internet}', () => console.log('listening'));`,
  );
  await startIn(net.ns.internet, [target]);
  dns = await startIn(net.ns.internet, [
    'agent/src/probes/testing-dns-server.ts',
    '--host',
    net.addr.internet,
    '--port',
    '53',
    '--answer',
    '10.77.2.2',
  ]);
  config = join(dir, 'agent.json');
  writeFileSync(
    config,
    JSON.stringify({
      probes: {
        targets: [`${net.addr.internet}:443`],
        resolvers: [net.addr.internet],
        dnsNames: ['example.com'],
        httpUrls: [],
        timeoutMs: 1000,
        attempts: 2,
      },
    }),
  );
}, 60_000);

afterAll(() => {
  for (const d of daemons) d.kill('SIGKILL');
  net?.destroy();
});

/** Runs `linewatch-agent check` inside the agent namespace. */
function check(json: boolean): { code: number | null; out: string } {
  const r = spawnSync(
    'ip',
    [
      'netns',
      'exec',
      net.ns.agent,
      process.execPath,
      '--import',
      'tsx',
      'agent/src/cli.ts',
      'check',
      ...(json ? ['--json'] : []),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, LINEWATCH_AGENT_CONFIG: config, LANG: 'C', LC_ALL: '' },
      timeout: 60_000,
    },
  );
  return { code: r.status, out: r.stdout };
}

function verdict() {
  const { code, out } = check(true);
  const report = JSON.parse(out) as { status: string; cause: string | null; evidence: string[] };
  const human = check(false).out;
  return { code, ...report, human };
}

function ipIn(ns: string, ...args: string[]) {
  spawnSync('ip', ['-n', ns, ...args], { stdio: 'ignore' });
}

describe.skipIf(!enabled)('diagnosis across real network namespaces', () => {
  it('sees a healthy line as up', () => {
    const v = verdict();
    expect({ code: v.code, status: v.status, cause: v.cause }).toEqual({
      code: 0,
      status: 'up',
      cause: null,
    });
  });

  it('tells a dead WAN link: internet unreachable, the router still answers', () => {
    const link = (net as TestNetwork).links.routerWan;
    ipIn(net.ns.router, 'link', 'set', link, 'down');
    try {
      const v = verdict();
      expect(v.code).toBe(2);
      expect(['internet_unreachable', 'line_sync_lost']).toContain(v.cause);
      expect(v.human).toContain(causeCatalogue[v.cause as 'internet_unreachable'].label.en);
    } finally {
      ipIn(net.ns.router, 'link', 'set', link, 'up');
    }
  });

  it('tells broken DNS while the internet answers', async () => {
    dns.kill('SIGTERM');
    await new Promise((r) => dns.once('exit', r));
    try {
      const v = verdict();
      expect({ code: v.code, status: v.status, cause: v.cause }).toEqual({
        code: 2,
        status: 'down',
        cause: 'dns_failure',
      });
      expect(v.human).toContain(causeCatalogue.dns_failure.label.en);
    } finally {
      dns = await startIn(net.ns.internet, [
        'agent/src/probes/testing-dns-server.ts',
        '--host',
        net.addr.internet,
        '--port',
        '53',
        '--answer',
        '10.77.2.2',
      ]);
    }
  });

  it('tells a router that is gone', () => {
    const link = net.links.routerLan;
    ipIn(net.ns.router, 'link', 'set', link, 'down');
    try {
      const v = verdict();
      expect({ code: v.code, status: v.status, cause: v.cause }).toEqual({
        code: 2,
        status: 'down',
        cause: 'router_unreachable',
      });
      expect(v.human).toContain(causeCatalogue.router_unreachable.label.en);
    } finally {
      ipIn(net.ns.router, 'link', 'set', link, 'up');
    }
  });
});
