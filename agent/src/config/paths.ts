/** Where the agent's config lives unless told otherwise. */
export const defaultConfigPath = '/etc/linewatch/agent.json';

/** Environment variables that name the agent's files. */
export const configEnv = 'LINEWATCH_AGENT_CONFIG';
export const stateEnv = 'LINEWATCH_AGENT_STATE';

/** A config path and whether someone named it (then it must exist for `check`). */
export interface ConfigPath {
  path: string;
  explicit: boolean;
}

/**
 * The config file: `--config`, else `LINEWATCH_AGENT_CONFIG`, else
 * /etc/linewatch/agent.json.
 *
 * @example
 * configPath(undefined, {}) // { path: '/etc/linewatch/agent.json', explicit: false }
 */
export function configPath(flag: string | undefined, env: NodeJS.ProcessEnv): ConfigPath {
  if (flag) return { path: flag, explicit: true };
  const fromEnv = env[configEnv];
  if (fromEnv) return { path: fromEnv, explicit: false };
  return { path: defaultConfigPath, explicit: false };
}

/**
 * The state file (boot-id fallback and sequence high-water mark): `--state`,
 * else `LINEWATCH_AGENT_STATE`, else `<config>.state.json` beside the config.
 *
 * @example
 * statePath(undefined, {}, '/etc/linewatch/agent.json') // '/etc/linewatch/agent.json.state.json'
 */
export function statePath(flag: string | undefined, env: NodeJS.ProcessEnv, config: string): string {
  return flag || env[stateEnv] || `${config}.state.json`;
}

/**
 * The outbox (samples waiting for the server, SQLite) beside the state
 * file, in the directory the agent may write (under systemd,
 * /var/lib/linewatch): `<name>.state.json` → `<name>.outbox.db`, any other
 * state file name gets `.outbox.db` appended. SQLite keeps a `-wal` file
 * beside it.
 *
 * @example
 * outboxPath('/var/lib/linewatch/agent.state.json') // '/var/lib/linewatch/agent.outbox.db'
 * outboxPath('/etc/linewatch/agent.json.state.json') // '/etc/linewatch/agent.json.outbox.db'
 */
export function outboxPath(state: string): string {
  return state.endsWith('.state.json')
    ? `${state.slice(0, -'.state.json'.length)}.outbox.db`
    : `${state}.outbox.db`;
}
