#!/usr/bin/env -S npx tsx
/**
 * The `linewatch-agent` entry point: the only module that reads argv and the
 * environment, writes to the process's streams, installs signal handlers
 * and ends the process. Everything else is in `cli/main.ts` and below.
 */
import { type CliOutcome, runCli } from './cli/main.js';
import type { Daemon } from './cli/run.js';
import { AgentError, exitCodes } from './errors.js';
import { createLogger } from './logger.js';

/** How long a clean stop may take before the process ends anyway. */
const stopTimeoutMs = 5000;

const io = {
  env: process.env,
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
};
const logger = createLogger(process.env.LINEWATCH_LOG_LEVEL);

function stopOnSignals(daemon: Daemon): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(exitCodes.ok);
    stopping = true;
    logger.info({ signal }, 'stopping');
    setTimeout(() => {
      logger.warn('clean stop took too long; exiting');
      process.exit(exitCodes.ok);
    }, stopTimeoutMs).unref();
    daemon
      .stop()
      .catch((error: unknown) => logger.error({ err: String(error) }, 'stop failed'))
      .finally(() => process.exit(exitCodes.ok));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

let outcome: CliOutcome;
try {
  outcome = await runCli(process.argv.slice(2), io, { logger: () => logger });
  if ('daemon' in outcome) stopOnSignals(outcome.daemon);
  else process.exitCode = outcome.exitCode;
} catch (error) {
  if (error instanceof AgentError) {
    io.err(`${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    io.err(`linewatch-agent: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = exitCodes.failure;
  }
}
