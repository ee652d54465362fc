import type { AgentConfigFile } from '@linewatch/shared';
import { writeFileAtomic } from '../atomic-file.js';

/**
 * Writes the config atomically with mode 0600: it holds the agent's MQTT
 * secret (and maybe the router's password).
 *
 * @example
 * saveConfigFile('/etc/linewatch/agent.json', config);
 */
export function saveConfigFile(path: string, config: AgentConfigFile): void {
  writeFileAtomic(path, `${JSON.stringify(config, null, 2)}\n`, 0o600);
}
