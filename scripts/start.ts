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
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { createLauncher, root } from './launch.js';

const { buildDashboard, fail, runTs, waitHealthy } = createLauncher('start');
const dataDir = resolve(root, process.env.LINEWATCH_DATA_DIR ?? 'data');
const httpPort = Number(process.env.LINEWATCH_HTTP_PORT ?? 8080);
const base = `http://localhost:${httpPort}`;
const agentConfig = join(dataDir, 'agent.json');

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
  await waitHealthy(server, base);

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
