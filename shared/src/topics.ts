/**
 * MQTT topics. Every topic of an agent lives under
 * `linewatch/v1/agents/<agentId>/`; an agent may publish only there and
 * subscribe only to its own `commands` topic.
 */
export const topicRoot = 'linewatch/v1/agents';

/** What an agent publishes (upstream) and what the server sends it (downstream). */
export const agentTopicKinds = ['status', 'measurements', 'events', 'commands'] as const;
export type AgentTopicKind = (typeof agentTopicKinds)[number];

/** Topics an agent may publish to. `commands` is the server's. */
export const agentPublishKinds = [
  'status',
  'measurements',
  'events',
] as const satisfies readonly AgentTopicKind[];

/** agentIds are lower-case letters, digits and dashes: no MQTT wildcards or separators. */
export const agentIdPattern = /^[a-z0-9][a-z0-9-]{2,63}$/;

/**
 * The topic of one kind for one agent.
 *
 * @example
 * agentTopic('a1b2c3', 'status') // 'linewatch/v1/agents/a1b2c3/status'
 */
export function agentTopic(agentId: string, kind: AgentTopicKind): string {
  if (!agentIdPattern.test(agentId)) throw new Error(`invalid agentId "${agentId}"`);
  return `${topicRoot}/${agentId}/${kind}`;
}

/** The prefix (with trailing slash) under which an agent's topics live. */
export function agentPrefix(agentId: string): string {
  return `${topicRoot}/${agentId}/`;
}

export interface ParsedAgentTopic {
  agentId: string;
  kind: AgentTopicKind;
}

/**
 * Parses an agent topic; returns null for anything that is not exactly
 * `linewatch/v1/agents/<agentId>/<kind>`.
 *
 * @example
 * parseAgentTopic('linewatch/v1/agents/a1b2c3/events') // { agentId: 'a1b2c3', kind: 'events' }
 */
export function parseAgentTopic(topic: string): ParsedAgentTopic | null {
  if (!topic.startsWith(`${topicRoot}/`)) return null;
  const rest = topic.slice(topicRoot.length + 1).split('/');
  if (rest.length !== 2) return null;
  const [agentId, kind] = rest as [string, string];
  if (!agentIdPattern.test(agentId)) return null;
  if (!(agentTopicKinds as readonly string[]).includes(kind)) return null;
  return { agentId, kind: kind as AgentTopicKind };
}
