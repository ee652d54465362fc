import { z } from 'zod';
import { Cause, SiteStatus } from './catalogue.js';
import { CommandName, Measurement } from './messages.js';

/**
 * HTTP API bodies (JSON under `/api/v1`). The server's OpenAPI document is
 * generated from these schemas.
 */

export const accessTypes = ['dsl', 'cable', 'fibre', 'lte', 'other'] as const;
export const AccessType = z.enum(accessTypes);
export type AccessType = z.infer<typeof AccessType>;

const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.iso.datetime({ offset: true });

export const Contract = z.object({
  downMbps: z.number().positive().max(100_000),
  upMbps: z.number().positive().max(100_000),
});
export type Contract = z.infer<typeof Contract>;

export const SiteCreate = z.object({
  name: text(200),
  customer: text(200),
  address: text(500),
  carrier: text(100),
  accessType: AccessType,
  contract: Contract,
  /** Business customers are not covered by § 58 TKG; default false (consumer). */
  business: z.boolean().default(false),
  /**
   * The area outages are grouped by (sites of one carrier failing together);
   * default: the first three digits of the postcode in `address`.
   */
  area: text(100).optional(),
  /** The customer's monthly fee in cents, for the § 58 TKG compensation amounts (10 % / 20 % of it). */
  monthlyFeeCents: z.number().int().min(0).max(10_000_000).optional(),
});
export type SiteCreate = z.infer<typeof SiteCreate>;

/**
 * A site's changed fields (PATCH). `area: null` goes back to the area taken
 * from the postcode. Its agent, status and history stay as they are.
 */
export const SiteUpdate = SiteCreate.partial()
  .extend({
    // No default here: a PATCH without `business` must not reset it.
    business: z.boolean().optional(),
    area: text(100).nullable().optional(),
    monthlyFeeCents: z.number().int().min(0).max(10_000_000).nullable().optional(),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, { error: 'name at least one field to change' });
export type SiteUpdate = z.infer<typeof SiteUpdate>;

/** A new one-time enrollment token for an existing site (box replaced or reinstalled). */
export const EnrollmentToken = z.object({
  siteId: z.uuid(),
  enrollmentToken: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type EnrollmentToken = z.infer<typeof EnrollmentToken>;

export const Site = z.object({
  id: z.uuid(),
  name: z.string(),
  customer: z.string(),
  address: z.string(),
  carrier: z.string(),
  accessType: AccessType,
  contract: Contract,
  business: z.boolean(),
  area: z.string().nullable(),
  monthlyFeeCents: z.number().int().nullable(),
  status: SiteStatus,
  cause: Cause.nullable(),
  /** When the current status began. */
  since: isoTime,
  /** null until an agent has enrolled. */
  agentId: z.string().nullable(),
  /** The agent's software version, as it last reported it. */
  agentVersion: z.string().nullable().optional(),
  /** Samples waiting in the agent's outbox when it last sent (1 in steady state: the batch itself). */
  outboxBacklog: z.number().int().nullable().optional(),
  lastSeenAt: isoTime.nullable(),
  createdAt: isoTime,
});
export type Site = z.infer<typeof Site>;

/** The live feed's `site_deleted` event: the id of a site just deleted. */
export const SiteDeleted = z.object({ id: z.uuid() });
export type SiteDeleted = z.infer<typeof SiteDeleted>;

/** The answer to `POST /sites`: the site plus its one-time enrollment token. */
export const SiteCreated = Site.extend({
  enrollmentToken: z.string(),
});
export type SiteCreated = z.infer<typeof SiteCreated>;

export const EnrollRequest = z.object({
  token: z.string().min(16).max(200),
  hostname: z.string().max(255).optional(),
  agentVersion: z.string().max(50).optional(),
  platform: z.string().max(100).optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  agentId: z.string(),
  siteId: z.uuid(),
  /** The site's contracted speed, so the agent can tell a sync rate far below it. */
  contract: Contract.optional(),
  mqtt: z.object({
    url: z.string(),
    username: z.string(),
    password: z.string(),
  }),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

export const MeasurementsQuery = z.object({
  from: isoTime.optional(),
  to: isoTime.optional(),
  /** Most points wanted; the server never returns more. */
  step: z.coerce.number().int().min(1).max(10_000).optional(),
});
export type MeasurementsQuery = z.infer<typeof MeasurementsQuery>;

/** One sample (or one bucket) of a site's line figures. */
export const MeasurementPoint = z.object({
  t: isoTime,
  gatewayRttMs: z.number().nullable(),
  /** Median TCP-connect time over the internet targets that answered. */
  latencyMs: z.number().nullable(),
  /** Loss over all internet targets, in percent. */
  lossPct: z.number().nullable(),
  jitterMs: z.number().nullable(),
  /** Median DNS resolution time of the resolvers that answered. */
  dnsMs: z.number().nullable(),
  /** DSL sync rates while in sync (null for cable, fibre, routers without TR-064, or out of sync). */
  syncDownKbps: z.number().nullable(),
  syncUpKbps: z.number().nullable(),
  snrDownDb: z.number().nullable(),
  snrUpDb: z.number().nullable(),
  attenuationDownDb: z.number().nullable(),
  attenuationUpDb: z.number().nullable(),
  /**
   * CRC errors the router counted in the interval (a sample: since the
   * reading before it; a bucket: the sum over its samples). A restarted
   * counter (resync, router reboot) counts from 0, so never negative; null
   * when unknown (no counter, or no reading within the hour before).
   */
  crcErrors: z.number().nullable(),
});
export type MeasurementPoint = z.infer<typeof MeasurementPoint>;

export const MeasurementSeries = z.object({
  /** `raw` (one point per sample) or the bucket width of aggregated points: `1m`, `1h` or several hours, e.g. `6h`. */
  resolution: z.string(),
  points: z.array(MeasurementPoint),
});
export type MeasurementSeries = z.infer<typeof MeasurementSeries>;

/** Every error the API returns. `issues` names the offending fields of a bad body. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/**
 * Server-sent events on `GET /api/v1/events` (the board's live feed).
 * Event name `site`, data: a {@link Site} that changed.
 */
export const liveEventNames = ['site'] as const;

export const ApiTokenCreate = z.object({ name: text(100) });
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

/** The answer to `POST /auth/tokens`: the token is shown once. */
export const ApiTokenCreated = z.object({ name: z.string(), token: z.string() });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

/** The newest probe round of a site: the agent's full findings, verdict and evidence. */
export const LatestMeasurement = z.object({
  /**
   * When the round was taken, on the server's clock (the agent's boot epoch
   * plus its monotonic time): right even when the agent's clock is not.
   * `measurement.t` is the agent's own wall-clock reading.
   */
  at: isoTime,
  receivedAt: isoTime,
  measurement: Measurement,
});
export type LatestMeasurement = z.infer<typeof LatestMeasurement>;

export const CommandCreate = z.object({
  name: CommandName,
  /** How long the command waits for an offline agent before it expires; default 10 minutes. */
  ttlSeconds: z
    .number()
    .int()
    .min(10)
    .max(7 * 86_400)
    .default(600),
});
export type CommandCreate = z.infer<typeof CommandCreate>;

export const commandStates = ['pending', 'sent', 'done', 'expired'] as const;

/** A command to a site's agent and where it stands. */
export const Command = z.object({
  id: z.uuid(),
  siteId: z.uuid(),
  name: CommandName,
  state: z.enum(commandStates),
  issuedAt: isoTime,
  expiresAt: isoTime,
  /** Last time it was published to the agent. */
  sentAt: isoTime.nullable(),
  doneAt: isoTime.nullable(),
});
export type Command = z.infer<typeof Command>;

/** A hole in an agent boot's sequence numbers: samples taken but neither received nor reported dropped. */
export const IngestGap = z.object({
  agentId: z.string(),
  bootId: z.string(),
  /** First and last missing sequence number, both included. */
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  /** Samples still missing: toSeq − fromSeq + 1. */
  missing: z.number().int(),
  detectedAt: isoTime,
});
export type IngestGap = z.infer<typeof IngestGap>;

/** An agent's report (its `outbox_dropped` event) that it dropped samples: its outbox was full while offline. */
export const ReportedDrop = z.object({
  agentId: z.string(),
  bootId: z.string(),
  /** Sequence number of the report itself. */
  seq: z.number().int(),
  /** Samples dropped. */
  count: z.number().int(),
  /** How many of them the server had found missing (a gap they closed). */
  explained: z.number().int(),
  reportedAt: isoTime,
});
export type ReportedDrop = z.infer<typeof ReportedDrop>;

/** `GET /sites/{id}/gaps`: what never arrived from a site's agent, newest first. */
export const SiteGaps = z.object({
  /** Samples in open gaps, over all of them (the list may be cut short). */
  missingSamples: z.number().int(),
  openGaps: z.array(IngestGap),
  /** Samples the agent reported dropped, over all reports. */
  droppedSamples: z.number().int(),
  reportedDrops: z.array(ReportedDrop),
});
export type SiteGaps = z.infer<typeof SiteGaps>;
