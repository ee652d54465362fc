import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

/**
 * A small test network of Linux network namespaces joined by veth pairs:
 *
 *   agent ns ── 10.77.1.0/24 ── router ns ── 10.77.2.0/24 ── internet ns
 *   10.77.1.2   (default gw .1)  10.77.1.1 / 10.77.2.1        10.77.2.2 (targets, DNS)
 *
 * Traffic stays inside namespaces this test made. Needs root and iproute2.
 */
export interface TestNetwork {
  ns: { agent: string; router: string; internet: string };
  addr: { agent: string; routerLan: string; routerWan: string; internet: string };
  /** Runs a command inside a namespace and returns its stdout. */
  exec(ns: string, cmd: string[]): string;
  /** The argv prefix to run a program inside a namespace. */
  prefix(ns: string): string[];
  /** Interface names, for taking links up and down. */
  links: { agent: string; routerLan: string; routerWan: string; internet: string };
  destroy(): void;
}

/** Whether this machine can build namespaces (root and `ip` available). */
export function canUseNetns(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Builds the three-namespace network; call `destroy()` in afterAll. */
export function createTestNetwork(): TestNetwork {
  const id = randomBytes(3).toString('hex');
  const ns = { agent: `lw-a-${id}`, router: `lw-r-${id}`, internet: `lw-i-${id}` };
  const addr = { agent: '10.77.1.2', routerLan: '10.77.1.1', routerWan: '10.77.2.1', internet: '10.77.2.2' };
  const created: string[] = [];
  const destroy = () => {
    for (const n of created) {
      try {
        ip('netns', 'del', n);
      } catch {
        // already gone
      }
    }
    rmSync(`/etc/netns/${ns.agent}`, { recursive: true, force: true });
  };
  try {
    for (const n of Object.values(ns)) {
      ip('netns', 'add', n);
      created.push(n);
      ip('-n', n, 'link', 'set', 'lo', 'up');
    }
    // agent <-> router (LAN)
    ip(
      'link',
      'add',
      `a${id}`,
      'netns',
      ns.agent,
      'type',
      'veth',
      'peer',
      'name',
      `rl${id}`,
      'netns',
      ns.router,
    );
    ip('-n', ns.agent, 'addr', 'add', `${addr.agent}/24`, 'dev', `a${id}`);
    ip('-n', ns.router, 'addr', 'add', `${addr.routerLan}/24`, 'dev', `rl${id}`);
    ip('-n', ns.agent, 'link', 'set', `a${id}`, 'up');
    ip('-n', ns.router, 'link', 'set', `rl${id}`, 'up');
    ip('-n', ns.agent, 'route', 'add', 'default', 'via', addr.routerLan);
    // router <-> internet (WAN)
    ip(
      'link',
      'add',
      `rw${id}`,
      'netns',
      ns.router,
      'type',
      'veth',
      'peer',
      'name',
      `i${id}`,
      'netns',
      ns.internet,
    );
    ip('-n', ns.router, 'addr', 'add', `${addr.routerWan}/24`, 'dev', `rw${id}`);
    ip('-n', ns.internet, 'addr', 'add', `${addr.internet}/24`, 'dev', `i${id}`);
    ip('-n', ns.router, 'link', 'set', `rw${id}`, 'up');
    ip('-n', ns.internet, 'link', 'set', `i${id}`, 'up');
    ip('-n', ns.internet, 'route', 'add', 'default', 'via', addr.routerWan);
    execFileSync('ip', ['netns', 'exec', ns.router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    // The agent's system resolver (ip netns exec bind-mounts /etc/netns/<ns>/resolv.conf).
    mkdirSync(`/etc/netns/${ns.agent}`, { recursive: true });
    writeFileSync(`/etc/netns/${ns.agent}/resolv.conf`, `nameserver ${addr.internet}\n`);
  } catch (err) {
    destroy();
    throw err;
  }
  const prefix = (n: string) => ['ip', 'netns', 'exec', n];
  return {
    ns,
    addr,
    prefix,
    exec: (n, cmd) => execFileSync('ip', ['netns', 'exec', n, ...cmd], { encoding: 'utf8' }),
    destroy,
    links: { agent: `a${id}`, routerLan: `rl${id}`, routerWan: `rw${id}`, internet: `i${id}` },
  };
}
