import { readFileSync } from 'node:fs';
import { envName, ServerConfig } from './schema.js';

/** A configuration problem, told in one sentence. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const keys = Object.keys(ServerConfig.shape) as (keyof ServerConfig)[];

/**
 * Reads the configuration once: the optional JSON file named by
 * `LINEWATCH_CONFIG_FILE`, then the environment (which wins), then
 * `LINEWATCH_<KEY>_FILE` for secrets kept in files. Throws a
 * {@link ConfigError} naming the first bad setting.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const raw: Record<string, unknown> = {};
  const file = env.LINEWATCH_CONFIG_FILE;
  if (file) Object.assign(raw, readConfigFile(file));
  for (const key of keys) {
    const name = envName(key);
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
    const fromFile = env[`${name}_FILE`];
    if (fromFile) raw[key] = readSecretFile(`${name}_FILE`, fromFile);
  }
  const parsed = ServerConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    const shown = key
      ? `${envName(key)}${raw[key] !== undefined ? ` ("${redact(key, raw[key])}")` : ''}`
      : 'config';
    throw new ConfigError(`Invalid setting ${shown}: ${issue?.message ?? 'invalid value'}.`);
  }
  if (parsed.data.brokerUrl) {
    throw new ConfigError(
      'LINEWATCH_BROKER_URL is set, but the external-broker mode is not available yet — unset it to use the embedded broker.',
    );
  }
  if (parsed.data.databaseUrl) {
    throw new ConfigError(
      'LINEWATCH_DATABASE_URL is set, but PostgreSQL is not available yet — unset it to use SQLite in the data dir.',
    );
  }
  return parsed.data;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read the config file ${path}: ${(err as Error).message}.`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`The config file ${path} is not a JSON object: ${(err as Error).message}.`);
  }
}

function readSecretFile(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    throw new ConfigError(`Cannot read ${name} (${path}): ${(err as Error).message}.`);
  }
}

function redact(key: string, value: unknown): string {
  return /password|secret|smtp/i.test(key) ? '***' : String(value);
}
