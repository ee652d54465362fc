import pino, { type Logger } from 'pino';

/** Levels `LINEWATCH_LOG_LEVEL` may name. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The daemon's logger: JSON lines on stdout (journald keeps them). Written
 * synchronously, so the last lines before an exit are never lost.
 *
 * @example
 * const logger = createLogger('info');
 * logger.info({ seq: 4 }, 'round');
 */
export function createLogger(level: string | undefined = 'info'): Logger {
  const known = (logLevels as readonly string[]).includes(level) ? level : 'info';
  return pino({ name: 'linewatch-agent', level: known }, pino.destination({ dest: 1, sync: true }));
}
