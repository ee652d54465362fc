import { existsSync, renameSync } from 'node:fs';
import type { Logger } from 'pino';
import { AgentError, errorText } from '../errors.js';
import { SqliteOutbox, type SqliteOutboxOptions } from './sqlite-outbox.js';

export interface OpenOutboxOptions extends SqliteOutboxOptions {
  logger: Pick<Logger, 'error'>;
  /** Wall-clock ms, for the name of a set-aside file. */
  now?: () => number;
}

/**
 * SQLite's answers that say nothing about the file: it is busy, or the
 * machine is out of something. Setting the file aside would not help.
 */
const notTheFile = /^SQLITE_(BUSY|LOCKED|FULL|NOMEM|IOERR_NOMEM)/;

/**
 * Opens the agent's outbox at `path`, creating it if needed. A file that
 * cannot be used (not SQLite, damaged, another format, unreadable) is moved
 * aside to `<path>.corrupt-<time>` (its `-wal` beside it, for a person to
 * look at), logged, and a fresh outbox started: the damage costs the samples
 * in the file, not the agent. Throwing instead would have systemd restart
 * the agent into the same failure, forever.
 *
 * @throws AgentError when no outbox can be opened at all (directory not
 *   writable, another agent using the file, better-sqlite3 missing); the
 *   daemon logs it and tries again with backoff.
 * @example
 * const outbox = openOutbox('/var/lib/linewatch/agent.outbox.db', { logger });
 */
export function openOutbox(path: string, options: OpenOutboxOptions): SqliteOutbox {
  try {
    return SqliteOutbox.open(path, options);
  } catch (error) {
    if (error instanceof AgentError || !existsSync(path) || notTheFile.test(codeOf(error))) {
      throw cannotOpen(path, error);
    }
    const aside = setAside(path, (options.now ?? Date.now)());
    options.logger.error(
      { outbox: path, movedTo: aside, err: errorText(error) },
      `The outbox file ${path} is unusable (${errorText(error)}); moved it to ${aside} and started an empty outbox.`,
    );
  }
  try {
    return SqliteOutbox.open(path, options);
  } catch (error) {
    throw cannotOpen(path, error);
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Renames the file and its WAL; returns the new name of the file. */
function setAside(path: string, nowMs: number): string {
  const aside = `${path}.corrupt-${new Date(nowMs).toISOString().replaceAll(':', '-')}`;
  try {
    renameSync(path, aside);
    for (const suffix of ['-wal', '-shm']) {
      // A stale WAL beside a fresh file would be replayed into it.
      if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    }
  } catch (error) {
    throw new AgentError(
      `The outbox file ${path} is unusable and cannot be moved aside (${errorText(error)}); remove it, or make its directory writable for the agent.`,
      { cause: error },
    );
  }
  return aside;
}

function cannotOpen(path: string, error: unknown): AgentError {
  if (error instanceof AgentError) return error;
  const code = codeOf(error);
  const sentence = code.startsWith('SQLITE_BUSY')
    ? `The outbox ${path} is in use by another process (a second "linewatch-agent run"?); stop that one, or give this one its own --state.`
    : `The outbox ${path} cannot be opened (${errorText(error)}); point --state or LINEWATCH_AGENT_STATE at a writable directory.`;
  return new AgentError(sentence, { cause: error });
}
