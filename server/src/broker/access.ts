import { agentPublishKinds, agentTopic, parseAgentTopic } from '@linewatch/shared';
import { tokenMatches } from '../auth/secrets.js';
import type { Store } from '../store/index.js';

/** Why the broker refused a client, in MQTT 3.1.1 CONNACK return codes [MQTT-3.2.2.3]. */
export const connackCodes = {
  identifierRejected: 2,
  badUsernameOrPassword: 4,
  notAuthorized: 5,
} as const;

export type ConnectVerdict =
  | { ok: true }
  | { ok: false; code: (typeof connackCodes)[keyof typeof connackCodes]; reason: string };

/**
 * Checks an agent's CONNECT. The username is the agentId and must equal
 * the client id, so one agent's credentials can never take over (and
 * kick off) another agent's session [MQTT-3.1.4-2].
 *
 * @example
 * checkConnect(store, 'id-1', 'id-1', Buffer.from(secret)) // { ok: true }
 */
export function checkConnect(
  store: Store,
  clientId: string,
  username: string | undefined,
  password: Buffer | undefined,
): ConnectVerdict {
  if (!username || !password)
    return { ok: false, code: connackCodes.badUsernameOrPassword, reason: 'no_credentials' };
  const agent = store.agents.get(username);
  if (!agent || !tokenMatches(password.toString('utf8'), agent.secret_hash)) {
    return { ok: false, code: connackCodes.badUsernameOrPassword, reason: 'bad_credentials' };
  }
  if (clientId !== username)
    return { ok: false, code: connackCodes.identifierRejected, reason: 'client_id_mismatch' };
  return { ok: true };
}

/**
 * An agent may publish only to its own status, measurements and events
 * topics; `$SYS/…` and everything else is refused.
 */
export function mayPublish(agentId: string, topic: string): boolean {
  const parsed = parseAgentTopic(topic);
  return (
    parsed !== null &&
    parsed.agentId === agentId &&
    (agentPublishKinds as readonly string[]).includes(parsed.kind)
  );
}

/** An agent may subscribe only to its own commands topic — no wildcards, no `$SYS/#`. */
export function maySubscribe(agentId: string, topicFilter: string): boolean {
  return topicFilter === agentTopic(agentId, 'commands');
}
