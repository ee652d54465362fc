import { readFile } from 'node:fs/promises';
import { AgentConfig, AgentConfigFile } from '@linewatch/shared';
import type { z } from 'zod';
import { AgentError, exitCodes } from '../errors.js';

export interface ReadConfigOptions {
  /** A missing file gives the defaults: a box that was never enrolled. */
  optional?: boolean;
  /**
   * An unreadable file gives the defaults too, after a warning: `check` must
   * work for a technician who is not root.
   */
  lenient?: boolean;
  warn?: (message: string) => void;
}

/**
 * Reads and validates a config file.
 *
 * @throws AgentError with one sentence naming the file and the first bad field.
 * @example
 * const file = await readConfigFile('/etc/linewatch/agent.json', { optional: true });
 */
export async function readConfigFile(
  path: string,
  options: ReadConfigOptions = {},
): Promise<AgentConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (options.optional && code === 'ENOENT') return AgentConfigFile.parse({});
    const sentence =
      code === 'ENOENT'
        ? `The config file ${path} does not exist.`
        : code === 'EACCES'
          ? `The config file ${path} cannot be read (permission denied); run as its owner or as root.`
          : `The config file ${path} cannot be read (${code ?? (error as Error).message}).`;
    if (options.lenient) {
      options.warn?.(`${sentence} Using the defaults.`);
      return AgentConfigFile.parse({});
    }
    throw new AgentError(sentence, { exitCode: exitCodes.config, cause: error });
  }
  return parseConfigText(text, path);
}

/** Validates config text; `path` only names the file in the error. */
export function parseConfigText(text: string, path: string): AgentConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message.replace(/\.$/, '');
    throw new AgentError(`The config file ${path} is not valid JSON (${detail}).`, {
      exitCode: exitCodes.config,
    });
  }
  const parsed = AgentConfigFile.safeParse(json);
  if (!parsed.success) {
    throw new AgentError(invalidSentence(path, parsed.error.issues[0]), { exitCode: exitCodes.config });
  }
  return parsed.data;
}

/**
 * Narrows a config file to an enrolled agent's config.
 *
 * @throws AgentError when the box was never enrolled.
 */
export function requireEnrolled(file: AgentConfigFile, path: string): AgentConfig {
  if (!file.agentId || !file.mqtt || !file.server) {
    throw new AgentError(
      `The config file ${path} has no enrollment yet; run "linewatch-agent enroll --server <url> --token <token>" first.`,
      { exitCode: exitCodes.config },
    );
  }
  return AgentConfig.parse(file);
}

/**
 * One sentence for the first problem: our schema's own messages read
 * "must be …", zod's generic ones are quoted after the field.
 */
function invalidSentence(path: string, issue: z.core.$ZodIssue | undefined): string {
  const at = (keys: readonly PropertyKey[]) => keys.map(String).join('.');
  const field = at(issue?.path ?? []);
  let problem: string;
  if (issue?.code === 'unrecognized_keys') {
    const key = at([...issue.path, issue.keys[0] ?? '']);
    problem = `"${key}" is not a known setting`;
  } else if (issue?.message.startsWith('must ')) {
    problem = `"${field}" ${issue.message}`;
  } else {
    problem = `"${field || '(top level)'}" is invalid (${issue?.message ?? 'unknown problem'})`;
  }
  return `The config file ${path} is invalid: ${problem}.`;
}
