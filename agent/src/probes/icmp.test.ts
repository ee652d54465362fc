import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IcmpProbeResult } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIcmpProbe, defaultIcmpOptions, pingArgs, probeIcmp } from './icmp.js';

const pingInstalled = !spawnSync('ping', ['-V'], { encoding: 'utf8' }).error;

describe.skipIf(!pingInstalled)('probeIcmp with the real ping on loopback', () => {
  // Works as root (raw socket), through ping's cap_net_raw, or as a user in
  // net.ipv4.ping_group_range (the kernel's ICMP datagram socket).
  it('pings 127.0.0.1', async () => {
    const result = await probeIcmp('127.0.0.1', { count: 3, intervalSeconds: 0.2, deadlineSeconds: 3 });
    expect(IcmpProbeResult.parse(result)).toEqual(result);
    expect(result).toMatchObject({ target: '127.0.0.1', sent: 3, received: 3, lossPct: 0, error: null });
    expect(result.rttMs?.min).toBeLessThanOrEqual(result.rttMs?.max ?? -1);
    expect(result.mdevMs).not.toBeNull();
  });

  it('pings ::1 when loopback has IPv6', async () => {
    const result = await probeIcmp('::1', { count: 2, deadlineSeconds: 2 });
    if (result.error !== null) return; // IPv6 disabled on this machine: nothing to measure.
    expect(result).toMatchObject({ sent: 2, received: 2, lossPct: 0 });
  });
});

describe('probeIcmp with a fake ping on PATH', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'linewatch-fake-ping-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Installs `ping` as a shell script in its own directory and returns the env that finds it. */
  async function fakePing(name: string, script: string, mode = 0o755) {
    const bin = join(dir, name);
    await writeFile(join(dir, `${name}.log`), '');
    await mkdir(bin, { recursive: true });
    // The script finds its tools on its own PATH; the PATH given to the agent holds only the
    // fake, so a broken fake can never fall through to the real ping.
    const head = `#!/bin/sh\nPATH=/usr/bin:/bin\necho "$LC_ALL $*" >> ${bin}.log\n`;
    await writeFile(join(bin, 'ping'), `${head}${script}\n`);
    await chmod(join(bin, 'ping'), mode);
    return { env: { PATH: bin }, log: () => readFile(`${bin}.log`, 'utf8') };
  }

  it('runs `LC_ALL=C ping -n -c 5 -i 0.2 -W 1 -w 6 <target>` and parses exit code 0', async () => {
    const fake = await fakePing(
      'ok',
      `cat <<'EOF'
64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=1.00 ms
64 bytes from 192.0.2.1: icmp_seq=2 ttl=64 time=3.00 ms

--- 192.0.2.1 ping statistics ---
2 packets transmitted, 2 received, 0% packet loss, time 201ms
rtt min/avg/max/mdev = 1.000/2.000/3.000/1.000 ms
EOF`,
    );
    const result = await probeIcmp('127.0.0.1', { env: fake.env });
    expect(await fake.log()).toBe('C -n -c 5 -i 0.2 -W 1 -w 6 127.0.0.1\n');
    expect(result).toMatchObject({ sent: 2, received: 2, mdevMs: 1, jitterMs: 2, error: null });
  });

  it('still parses exit code 1 (too few replies)', async () => {
    const fake = await fakePing(
      'loss',
      `printf '5 packets transmitted, 0 received, 100%% packet loss, time 4100ms\\n'; exit 1`,
    );
    const result = await probeIcmp('127.0.0.1', { env: fake.env });
    expect(result).toMatchObject({ sent: 5, received: 0, lossPct: 100, rttMs: null, error: null });
  });

  it('reports exit code 2 with ping’s message', async () => {
    const fake = await fakePing(
      'unknown',
      `echo 'ping: nosuch.invalid: Name or service not known' >&2; exit 2`,
    );
    const result = await probeIcmp('nosuch.invalid', { env: fake.env });
    expect(result).toMatchObject({ sent: 0, error: 'nosuch.invalid: Name or service not known' });
  });

  it('interrupts a hung ping at the hard deadline and keeps the summary it prints on SIGINT', async () => {
    const fake = await fakePing(
      'interrupted',
      `trap 'echo "3 packets transmitted, 1 received, 66.6667% packet loss, time 900ms"; exit 1' INT
echo '64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=5.00 ms'
while :; do sleep 0.05; done`,
    );
    const result = await probeIcmp('127.0.0.1', { env: fake.env, killAfterMs: 300 });
    expect(result).toMatchObject({ sent: 3, received: 1, lossPct: 66.67, error: null });
  });

  it('kills a ping that ignores SIGINT and says so', async () => {
    const fake = await fakePing('hung', `trap '' INT\nwhile :; do sleep 0.05; done`);
    const started = Date.now();
    const result = await probeIcmp('127.0.0.1', { env: fake.env, killAfterMs: 200 });
    expect(result).toMatchObject({ sent: 0, received: 0, error: 'ping did not finish within 200 ms' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports a missing ping (ENOENT)', async () => {
    const result = await probeIcmp('127.0.0.1', { env: { PATH: join(dir, 'nothing-here') } });
    expect(result.error).toBe('ping not found (ENOENT): install iputils-ping');
    expect(IcmpProbeResult.safeParse(result).success).toBe(true);
  });

  it('reports a ping that may not be run (EACCES)', async () => {
    const fake = await fakePing('noexec', 'exit 0', 0o644);
    expect((await probeIcmp('127.0.0.1', { env: fake.env })).error).toBe('ping may not be run (EACCES)');
  });

  it('refuses a target ping would read as an option', async () => {
    const fake = await fakePing('option', 'exit 0');
    for (const target of ['-f', '', 'a b', '1.1.1.1;reboot']) {
      expect((await probeIcmp(target, { env: fake.env })).error).toBe('invalid target');
    }
    expect(await fake.log()).toBe('');
  });

  it('runs one ping per target at a time', async () => {
    const fake = await fakePing(
      'single',
      `sleep 0.2; echo '1 packets transmitted, 0 received, 100% packet loss'`,
    );
    const icmp = createIcmpProbe({ env: fake.env });
    const [a, b, other] = await Promise.all([icmp('127.0.0.1'), icmp('127.0.0.1'), icmp('127.0.0.2')]);
    expect(a).toBe(b);
    expect(other.target).toBe('127.0.0.2');
    expect((await fake.log()).trim().split('\n')).toHaveLength(2);
  });
});

describe('pingArgs', () => {
  it('puts extra arguments before the target', () => {
    expect(pingArgs('::1', { ...defaultIcmpOptions, count: 3, extraArgs: ['-6'] })).toEqual([
      '-n',
      '-c',
      '3',
      '-i',
      '0.2',
      '-W',
      '1',
      '-w',
      '6',
      '-6',
      '::1',
    ]);
  });
});
