import type { Logger } from 'pino';
import { AgentError, exitCodes } from '../errors.js';
import { agentVersion } from '../version.js';
import { type CommandName, type CommandValues, commandOptions, parseCommand } from './args.js';
import { check } from './check.js';
import { enroll } from './enroll.js';
import { commandHelp, mainHelp } from './help.js';
import type { CliIo } from './io.js';
import { Daemon } from './run.js';

/** How a command ended: with an exit code, or with a daemon that runs until a signal. */
export type CliOutcome = { exitCode: number } | { daemon: Daemon };

export interface CliDeps {
  /** The daemon's logger; made only for `run`. */
  logger: () => Logger;
}

type Handlers = {
  [C in CommandName]: (values: CommandValues<C>, io: CliIo, deps: CliDeps) => Promise<CliOutcome>;
};

const handlers: Handlers = {
  enroll: async (values, io) => ({ exitCode: await enroll(values, io) }),
  check: async (values, io) => ({ exitCode: await check(values, io) }),
  run: async (values, io, deps) => {
    const daemon = new Daemon(values, io, { logger: deps.logger() });
    void daemon.start();
    return { daemon };
  },
};

function dispatch<C extends CommandName>(
  command: C,
  args: string[],
  io: CliIo,
  deps: CliDeps,
): Promise<CliOutcome> {
  const values = parseCommand(command, args);
  if (values.help) {
    io.out(commandHelp[command]);
    return Promise.resolve({ exitCode: exitCodes.ok });
  }
  return handlers[command](values, io, deps);
}

/**
 * The `linewatch-agent` command line, without touching the process: the
 * entry point (`cli.ts`) hands in argv, env and output, and owns signals and
 * the exit.
 *
 * @throws AgentError for anything a person should read as one sentence.
 * @example
 * const outcome = await runCli(['check', '--json'], { env: process.env, out, err }, { logger });
 */
export async function runCli(argv: string[], io: CliIo, deps: CliDeps): Promise<CliOutcome> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = rest[0];
    io.out(topic && topic in commandOptions ? commandHelp[topic as CommandName] : mainHelp);
    return { exitCode: exitCodes.ok };
  }
  if (command === '--version' || command === '-V') {
    io.out(`${agentVersion}\n`);
    return { exitCode: exitCodes.ok };
  }
  if (!(command in commandOptions)) {
    throw new AgentError(`Unknown command "${command}". See "linewatch-agent --help".`, {
      exitCode: exitCodes.usage,
    });
  }
  return dispatch(command as CommandName, rest, io, deps);
}
