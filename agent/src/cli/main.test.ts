import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AgentError } from '../errors.js';
import { runCli } from './main.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { env: {}, out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}
const deps = { logger: () => pino({ level: 'silent' }) };

async function usageError(argv: string[]): Promise<AgentError> {
  try {
    await runCli(argv, io().io, deps);
  } catch (error) {
    expect(error).toBeInstanceOf(AgentError);
    return error as AgentError;
  }
  throw new Error('expected a usage error');
}

describe('runCli', () => {
  it.each([[[]], [['--help']], [['help']]])('prints the overview for %j', async (argv) => {
    const { io: i, out } = io();
    expect(await runCli(argv, i, deps)).toEqual({ exitCode: 0 });
    expect(out.join('')).toMatch(/^Usage: linewatch-agent <command>/);
  });

  it.each(['enroll', 'run', 'check'])('prints the help of %s', async (command) => {
    const { io: i, out } = io();
    expect(await runCli([command, '--help'], i, deps)).toEqual({ exitCode: 0 });
    expect(out.join('')).toMatch(new RegExp(`^Usage: linewatch-agent ${command}`));
    const viaHelp = io();
    await runCli(['help', command], viaHelp.io, deps);
    expect(viaHelp.out).toEqual(out);
  });

  it('prints its version', async () => {
    const { io: i, out } = io();
    await runCli(['--version'], i, deps);
    expect(out.join('')).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses an unknown command', async () => {
    const error = await usageError(['frobnicate']);
    expect(error.message).toBe('Unknown command "frobnicate". See "linewatch-agent --help".');
    expect(error.exitCode).toBe(64);
  });

  it('refuses an unknown option in one sentence', async () => {
    const error = await usageError(['check', '--password', 'x']);
    expect(error.message).toBe(`Unknown option '--password'. See "linewatch-agent check --help".`);
    expect(error.exitCode).toBe(64);
  });

  it('refuses a stray argument', async () => {
    const error = await usageError(['check', 'now']);
    expect(error.message).toBe(`Unexpected argument 'now'. See "linewatch-agent check --help".`);
    expect(error.exitCode).toBe(64);
  });

  it('refuses an option without its value', async () => {
    expect((await usageError(['enroll', '--server'])).message).toBe(
      `Option '--server <value>' argument missing. See "linewatch-agent enroll --help".`,
    );
  });

  it('refuses a bad override before running anything', async () => {
    const error = await usageError(['run', '--targets', 'not a target']);
    expect(error.message).toMatch(/^--targets: "not a target" is not a host/);
  });
});
