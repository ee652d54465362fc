import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Set in the benchmark's own re-run inside the network namespace. */
export const netnsEnv = 'LINEWATCH_BENCH_NETNS';

/**
 * `unshare` flags that give a process its own network namespace (only `lo`)
 * and mount namespace (for its own /etc/resolv.conf): first as an
 * unprivileged user namespace, then as real root (containers that forbid
 * user namespaces).
 */
const unshareVariants = [
  ['--user', '--map-root-user', '--net', '--mount'],
  ['--net', '--mount'],
];

/**
 * In the namespace: bring `lo` up and point the system resolver at
 * 127.0.0.1, then run the command. `$0` is the resolv.conf to bind.
 */
const setup =
  'ip link set lo up && { [ ! -e /etc/resolv.conf ] || mount --bind "$0" /etc/resolv.conf; } && exec "$@"';

/**
 * The argv prefix that runs a command in a fresh network namespace where
 * nothing but loopback exists and /etc/resolv.conf says `nameserver
 * 127.0.0.1`, or null when this machine cannot make one (no `unshare` or
 * `ip`, or namespaces not allowed). Inside, the agent cannot reach any
 * non-loopback address even by mistake: not the real gateway, not the
 * internet, not the host's DNS resolver (which its system-resolver DNS
 * check would otherwise ask).
 */
export function netnsPrefix(tmpDir: string): string[] | null {
  if (process.platform !== 'linux') return null;
  const resolvConf = join(tmpDir, 'resolv.conf');
  writeFileSync(resolvConf, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
  for (const flags of unshareVariants) {
    const probe = spawnSync('unshare', [...flags, 'sh', '-c', setup, resolvConf, 'true'], {
      stdio: 'ignore',
      timeout: 10_000,
    });
    if (probe.status === 0) return ['unshare', ...flags, 'sh', '-c', setup, resolvConf];
  }
  return null;
}
