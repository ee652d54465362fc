import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** What the broker tells the rest of the server. */
export interface BrokerEvents {
  /** An agent authenticated and connected. */
  connected(agentId: string): void;
  /**
   * An agent's connection ended. `silentAlready` when the keepalive timer
   * expired, i.e. nothing was heard for 1.5 × keepalive [MQTT-3.1.2-24].
   */
  disconnected(agentId: string, silentAlready: boolean): void;
  /** The agent subscribed to its commands topic: now it can receive them. */
  listening(agentId: string): void;
  /** A PINGREQ: the agent is alive but had nothing to send. */
  pinged(agentId: string): void;
  /** A message on an agent topic (from the agent, or its last will). */
  message(topic: string, payload: Buffer): void;
}

/** The MQTT side of the server, embedded (aedes) or, later, external. */
export interface Broker {
  /** The TCP port MQTT listens on. */
  readonly mqttPort: number;
  /** Publishes from the server itself (not subject to agent ACLs). */
  publish(topic: string, payload: string, opts: { qos: 0 | 1; retain?: boolean }): Promise<void>;
  /** Takes over an HTTP upgrade for MQTT over WebSocket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  connectedAgents(): number;
  /**
   * Ends an agent's connection at once, without publishing its last will
   * (its credentials were revoked: site deleted or box replaced). Returns
   * whether it was connected; its reconnects are refused by authentication.
   */
  disconnect(agentId: string): boolean;
  /** Whether the agent is connected and subscribed to its commands topic. */
  isListening(agentId: string): boolean;
  close(): Promise<void>;
}
