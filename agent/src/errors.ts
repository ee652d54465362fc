/**
 * Exit codes of `linewatch-agent`. `check` reserves 0/1/2 for its verdict
 * (up/degraded/down), so failures use the BSD sysexits numbers.
 */
export const exitCodes = {
  ok: 0,
  failure: 1,
  /** EX_USAGE: a bad flag or argument. */
  usage: 64,
  /** EX_CONFIG: the config file is missing, unreadable or invalid. */
  config: 78,
} as const;

/**
 * The one error class of the agent: a failure to be shown to a person as a
 * single clear sentence, with the exit code the CLI should end with.
 * Anything else that is thrown is a bug and is shown with its stack.
 *
 * @example
 * throw new AgentError('The enrollment token is unknown or already used.', { exitCode: 1 });
 */
export class AgentError extends Error {
  readonly exitCode: number;

  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AgentError';
    this.exitCode = options.exitCode ?? exitCodes.failure;
  }
}

/** The message of anything thrown, for logs and one-line errors. */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
