import { z } from 'zod';
import { Site } from './api.js';

const isoTime = z.iso.datetime({ offset: true });

/**
 * How far the agent's wall clock may be from the server's estimate of the
 * time (ms) and still count as synchronised. The estimate (the boot's epoch
 * on the server's clock plus the agent's monotonic time) is late by the
 * smallest network delay seen: well under this on any working line.
 */
export const clockSkewToleranceMs = 5_000;

/**
 * A site's monitoring box as the server knows it: what the agent reported
 * about itself and what its newest sample says. Times are on the server's
 * clock.
 */
export const AgentFacts = z.object({
  agentId: z.string(),
  /** The version the agent last reported (status message, else enrollment); null if it never said. */
  version: z.string().nullable(),
  hostname: z.string().nullable(),
  /** Whether it has an MQTT connection now. */
  connected: z.boolean(),
  /** When the agent's machine booted, from its monotonic time: right even when its wall clock is not. */
  bootedAt: isoTime.nullable(),
  /** Seconds the machine has been up: until now while connected, else until its newest sample. */
  uptimeSeconds: z.number().nullable(),
  /** When its newest sample was taken; the clock figures come from it. Null: nothing measured yet. */
  sampledAt: isoTime.nullable(),
  /**
   * Samples in the agent's on-disk outbox when it last sent a batch, that
   * batch included (1 in steady state); null for agents too old to say.
   */
  outboxBacklog: z.number().int().nullable(),
  outboxBacklogAt: isoTime.nullable(),
  /** The agent's wall clock minus the server's estimate of the time of that sample, ms. */
  clockSkewMs: z.number().nullable(),
  /** Whether |clockSkewMs| < {@link clockSkewToleranceMs}. */
  clockSynced: z.boolean().nullable(),
  /** Whether the agent's own system reports its clock NTP-synchronised. */
  ntpSynced: z.boolean().nullable(),
});
export type AgentFacts = z.infer<typeof AgentFacts>;

/** `GET /sites/{id}`: the site and, once one has enrolled, its agent's facts. */
export const SiteDetail = Site.extend({ agent: AgentFacts.nullable() });
export type SiteDetail = z.infer<typeof SiteDetail>;
