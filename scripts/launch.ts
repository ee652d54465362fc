/**
 * What `pnpm start` and `pnpm demo` share: building the dashboard when it is
 * stale, running the project's programs as child processes, waiting for
 * the server, and failing with one sentence.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root directory. */
export const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Resolves once `child` has exited, or after `ms`. */
export const exited = (child: ChildProcess, ms: number): Promise<unknown> =>
  child.exitCode !== null
    ? Promise.resolve()
    : Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, ms))]);

/**
 * The children of one command (`start`, `demo`): stopped when it exits or
 * fails.
 *
 * @example
 * const launch = createLauncher('start');
 * launch.buildDashboard();
 * const server = launch.runTs('server/src/cli.ts', ['run'], { LINEWATCH_DATA_DIR: dir });
 * await launch.waitHealthy(server, 'http://localhost:8080');
 */
export function createLauncher(command: string) {
  const children: ChildProcess[] = [];
  const stopAll = () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  };
  process.on('exit', stopAll);

  /** Says what went wrong in one sentence, stops the children and exits with 1. */
  function fail(sentence: string): never {
    console.error(`linewatch ${command}: ${sentence}`);
    stopAll();
    process.exit(1);
  }

  return {
    fail,
    /** Builds the dashboard if its production build is missing or older than its sources. */
    buildDashboard(): void {
      const index = join(root, 'dashboard/dist/index.html');
      if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(root, 'dashboard/src'))) return;
      console.log('Building the dashboard…');
      const vite = join(root, 'node_modules/.bin/vite');
      const result = spawnSync(vite, ['build', 'dashboard', '--logLevel', 'warn'], {
        cwd: root,
        stdio: 'inherit',
      });
      if (result.status !== 0) fail('the dashboard build failed (see above).');
    },
    /** Runs one of the project's TypeScript programs with `env` added, its output on ours. */
    runTs(script: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, script), ...args], {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'inherit', 'inherit'],
        // Own process group: a Ctrl-C reaches only the command, which stops its children in order.
        detached: true,
      });
      children.push(child);
      return child;
    },
    /** Waits until the server at `base` answers `/healthz` (60 s at most); exits with it if it stops. */
    async waitHealthy(server: ChildProcess, base: string): Promise<void> {
      for (let i = 0; i < 600; i++) {
        if (server.exitCode !== null) process.exit(server.exitCode);
        try {
          if ((await fetch(`${base}/healthz`)).ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      fail(`the server did not answer on ${base} within 60 s.`);
    },
  };
}
