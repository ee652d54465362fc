import { type ParseArgsConfig, parseArgs } from 'node:util';
import { AgentError, exitCodes } from '../errors.js';

const common = {
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `run` and `check` take the same probe overrides; no option takes a password. */
const overrides = {
  targets: { type: 'string' },
  resolvers: { type: 'string' },
  router: { type: 'string' },
} as const;

/** The options of every command. */
export const commandOptions = {
  enroll: { ...common, server: { type: 'string' }, token: { type: 'string' } },
  run: { ...common, ...overrides, state: { type: 'string' } },
  check: { ...common, ...overrides, json: { type: 'boolean' } },
} as const satisfies Record<string, NonNullable<ParseArgsConfig['options']>>;

export type CommandName = keyof typeof commandOptions;

const strict = { strict: true, allowPositionals: false } as const;

/** One parser per command, so each command's values have their exact type. */
const parsers = {
  enroll: (args: string[]) => parseArgs({ args, options: commandOptions.enroll, ...strict }).values,
  run: (args: string[]) => parseArgs({ args, options: commandOptions.run, ...strict }).values,
  check: (args: string[]) => parseArgs({ args, options: commandOptions.check, ...strict }).values,
} satisfies Record<CommandName, unknown>;

/** The parsed options of one command. */
export type CommandValues<C extends CommandName> = ReturnType<(typeof parsers)[C]>;

/**
 * Parses a command's arguments strictly: an unknown option or a stray
 * argument is a usage error (exit 64) in one sentence.
 *
 * @example
 * parseCommand('check', ['--json', '--targets', '127.0.0.1:8080']) // { json: true, targets: '127.0.0.1:8080' }
 */
export function parseCommand<C extends CommandName>(command: C, args: string[]): CommandValues<C> {
  try {
    return parsers[command](args) as CommandValues<C>;
  } catch (error) {
    // Node's messages go on with advice about `--`; the first sentence is the news.
    const first = ((error as Error).message.split('. ')[0] ?? 'Bad arguments').replace(/\.$/, '');
    throw new AgentError(`${first}. See "linewatch-agent ${command} --help".`, { exitCode: exitCodes.usage });
  }
}
