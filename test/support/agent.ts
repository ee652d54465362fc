import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Proc, runTs, tempDir } from './processes.js';
import type { ServerProc } from './server.js';

/** An enrolled agent's files. */
export interface EnrolledAgent {
  config: string;
  agentId: string;
  /** The MQTT credentials it was given. */
  mqtt: { url: string; username: string; password: string };
  /** The directory of the config, state and outbox files. */
  dir: string;
}

/**
 * Enrolls an agent for a site with the real CLI (`linewatch-agent enroll`)
 * and then merges `settings` into the config file it wrote, e.g. loopback
 * probe settings or an MQTT URL through a test {@link Link}.
 */
export async function enrollAgent(
  server: ServerProc,
  enrollmentToken: string,
  settings: (written: Record<string, unknown>) => Record<string, unknown> = () => ({}),
): Promise<EnrolledAgent> {
  const dir = tempDir('agent');
  const config = join(dir, 'agent.json');
  const enroll = runTs('agent/src/cli.ts', [
    'enroll',
    '--server',
    server.url,
    '--token',
    enrollmentToken,
    '--config',
    config,
  ]);
  const code = await enroll.exited;
  if (code !== 0) throw new Error(`enroll exited ${code}: ${enroll.output()}`);
  const written = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
  writeFileSync(config, JSON.stringify({ ...written, ...settings(written) }, null, 2));
  const mqtt = written.mqtt as EnrolledAgent['mqtt'];
  return { config, dir, agentId: written.agentId as string, mqtt };
}

/** Runs `linewatch-agent run` on a config, logging at debug level (each sample it queues). */
export function runAgent(agent: EnrolledAgent, args: string[] = [], env: NodeJS.ProcessEnv = {}): Proc {
  return runTs('agent/src/cli.ts', ['run', '--config', agent.config, ...args], {
    LINEWATCH_LOG_LEVEL: 'debug',
    ...env,
  });
}
