/**
 * `pnpm start`: the whole product on this machine in one command.
 *
 * 1. Builds the dashboard if its production build is missing or stale.
 * 2. Starts the server on the embedded defaults (aedes + SQLite in ./data).
 * 3. On first start, creates a site for this machine and enrolls a local
 *    agent through the real enrollment API and agent CLI.
 * 4. Runs the agent, prints the dashboard URL and the admin login, and
 *    stops both on Ctrl-C / SIGTERM.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dataDir = resolve(root, process.env.LINEWATCH_DATA_DIR ?? 'data');
const httpPort = Number(process.env.LINEWATCH_HTTP_PORT ?? 8080);
const base = `http://localhost:${httpPort}`;
const agentConfig = join(dataDir, 'agent.json');
const children: ChildProcess[] = [];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildDashboard(): void {
  const index = join(root, 'dashboard/dist/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(root, 'dashboard/src'))) return;
  console.log('Building the dashboard…');
  const vite = join(root, 'node_modules/.bin/vite');
  const result = spawnSync(vite, ['build', 'dashboard', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail('the dashboard build failed (see above).');
}

function runTs(script: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    // Own process group: a Ctrl-C reaches only this script, which stops the agent before the server.
    detached: true,
  });
  children.push(child);
  return child;
}

async function waitHealthy(server: ChildProcess): Promise<void> {
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
}

async function enrollLocalAgent(email: string, password: string): Promise<void> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok)
    fail(
      'cannot log in to enroll this machine’s agent — set LINEWATCH_ADMIN_PASSWORD to the admin password.',
    );
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(`${base}/api/v1/sites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      name: `This machine (${hostname()})`,
      customer: 'linewatch server',
      address: 'local',
      carrier: 'unknown',
      accessType: 'other',
      contract: { downMbps: 100, upMbps: 40 },
    }),
  });
  if (!res.ok) fail(`creating the local site failed: ${res.status} ${await res.text()}`);
  const { enrollmentToken } = (await res.json()) as { enrollmentToken: string };
  const enroll = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'agent/src/cli.ts'),
      'enroll',
      '--server',
      base,
      '--token',
      enrollmentToken,
      '--config',
      agentConfig,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (enroll.status !== 0) fail('enrolling the local agent failed (see above).');
}

function fail(sentence: string): never {
  console.error(`linewatch start: ${sentence}`);
  for (const c of children) c.kill('SIGTERM');
  process.exit(1);
}

process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});

async function main(): Promise<void> {
  buildDashboard();
  const firstStart = !existsSync(join(dataDir, 'linewatch.db'));
  const email = process.env.LINEWATCH_ADMIN_EMAIL ?? 'admin@localhost';
  const generated =
    firstStart && !process.env.LINEWATCH_ADMIN_PASSWORD ? randomBytes(12).toString('base64url') : null;
  const password = process.env.LINEWATCH_ADMIN_PASSWORD ?? generated;

  const server = runTs('server/src/cli.ts', ['run'], {
    LINEWATCH_LOG_LEVEL: process.env.LINEWATCH_LOG_LEVEL ?? 'warn',
    LINEWATCH_DATA_DIR: dataDir,
    LINEWATCH_ADMIN_EMAIL: email,
    ...(password ? { LINEWATCH_ADMIN_PASSWORD: password } : {}),
  });
  await waitHealthy(server);

  if (!existsSync(agentConfig)) {
    if (password) await enrollLocalAgent(email, password);
    else
      console.warn(
        'linewatch start: no local agent yet — set LINEWATCH_ADMIN_PASSWORD once to enroll this machine.',
      );
  }
  const agent = existsSync(agentConfig)
    ? runTs('agent/src/cli.ts', ['run', '--config', agentConfig], {
        LINEWATCH_LOG_LEVEL: process.env.LINEWATCH_LOG_LEVEL ?? 'warn',
      })
    : null;

  const lines = [`Dashboard: ${base}`, `Login:     ${email}`];
  if (generated) lines.push(`Password:  ${generated}   (shown only this once — write it down)`);
  else lines.push('Password:  the one set at first start (LINEWATCH_ADMIN_PASSWORD)');
  console.log(`\n  linewatch is running.\n${lines.map((l) => `  ${l}`).join('\n')}\n  Stop with Ctrl-C.\n`);

  // The agent first, so it can still tell the server it is stopping; then the server.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (agent && agent.exitCode === null) {
      agent.kill('SIGTERM');
      await Promise.race([
        new Promise((r) => agent.once('exit', r)),
        new Promise((r) => setTimeout(r, 5000)),
      ]);
    }
    server.kill('SIGTERM');
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  server.on('exit', (code) => {
    agent?.kill('SIGTERM');
    process.exitCode = code ?? 0;
  });
}

await main();
