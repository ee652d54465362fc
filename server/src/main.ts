import pino from 'pino';
import { ConfigError, loadConfig } from './config/load.js';
import { StartupError, startServer } from './server.js';

/**
 * The `linewatch-server run` process: the only place that reads the
 * environment, opens ports and installs signal handlers.
 */
export async function main(env: NodeJS.ProcessEnv): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const log = pino({ level: config.logLevel, base: { service: 'linewatch-server' } });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, { log });
  } catch (err) {
    if (err instanceof StartupError) fail(err.message);
    fail(`The server could not start: ${(err as Error).message}.`);
  }

  const base = config.publicUrl ?? `http://localhost:${server.httpPort}`;
  const lines = [`linewatch is running — dashboard: ${base}`, `MQTT broker on port ${server.mqttPort}`];
  if (server.firstAdmin) {
    lines.push(`First admin: ${server.firstAdmin.email}`);
    if (server.firstAdmin.generatedPassword) {
      lines.push(
        `Password:    ${server.firstAdmin.generatedPassword}   (shown only this once — write it down)`,
      );
    }
  }
  process.stderr.write(`\n${lines.map((l) => `  ${l}`).join('\n')}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      log.info({ signal }, 'shutting down');
      await server.close();
    } catch (err) {
      // A closed stdout (EPIPE) or a failing close must not keep the process alive.
      process.stderr.write(`linewatch-server: shutdown error: ${(err as Error).message}\n`);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function fail(sentence: string): never {
  process.stderr.write(`linewatch-server: ${sentence}\n`);
  process.exit(2);
}
