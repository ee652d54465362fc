import { z } from 'zod';
import { Cause, SiteStatus } from './catalogue.js';

/**
 * Incidents: what the shop works on. One opens on a site's first `down` (or
 * a sustained `degraded`) and gathers its status changes until the line has
 * been back and stable; sites of one carrier and area failing together are
 * children of one `area` incident.
 */

const isoTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

export const incidentKinds = ['site', 'area'] as const;
export const IncidentKind = z.enum(incidentKinds);
export type IncidentKind = z.infer<typeof IncidentKind>;

/** open → acknowledged → reported (to the carrier) → resolved; reported and acknowledged may come in either order. */
export const incidentStates = ['open', 'acknowledged', 'reported', 'resolved'] as const;
export const IncidentState = z.enum(incidentStates);
export type IncidentState = z.infer<typeof IncidentState>;

/** What a timeline entry records. */
export const incidentEventKinds = [
  'opened',
  'status_changed',
  'cause_corrected',
  'recovered',
  'relapsed',
  'flapping',
  'site_joined',
  /** A site was taken out of an area incident: its carrier or area was changed, or it was deleted. */
  'site_left',
  'acknowledged',
  'reported',
  'note',
  'resolved',
  'reopened',
] as const;
export const IncidentEventKind = z.enum(incidentEventKinds);
export type IncidentEventKind = z.infer<typeof IncidentEventKind>;

export const IncidentEvent = z.object({
  id: z.number().int(),
  at: isoTime,
  kind: IncidentEventKind,
  /** The user's e-mail, or `system`. */
  actor: z.string(),
  /** Kind-specific details, e.g. `{from, to, cause}` or `{text}`. */
  data: z.record(z.string(), z.unknown()),
});
export type IncidentEvent = z.infer<typeof IncidentEvent>;

export const CarrierTicket = z.object({
  carrier: z.string(),
  number: z.string(),
  reportedAt: isoTime,
  reportedBy: z.string(),
});
export type CarrierTicket = z.infer<typeof CarrierTicket>;

export const Incident = z.object({
  id: z.uuid(),
  kind: IncidentKind,
  state: IncidentState,
  /** The worst status seen: `down` or `degraded`. */
  status: SiteStatus,
  cause: Cause.nullable(),
  /** The site of a site incident; the affected sites of an area incident. */
  siteIds: z.array(z.uuid()),
  /** The area incident a site incident belongs to. */
  parentId: z.uuid().nullable(),
  /** Area incidents: the carrier (null when several carriers failed together) and the area. */
  carrier: z.string().nullable(),
  area: z.string().nullable(),
  /** Several carriers in one area at once: looks like a power cut there. */
  powerCutSuspected: z.boolean(),
  flapping: z.boolean(),
  /** Began inside a maintenance window: recorded, never alerted. */
  maintenance: z.boolean(),
  startedAt: isoTime,
  /** When the line came back (null while down); the incident resolves once it has stayed up. */
  recoveredAt: isoTime.nullable(),
  resolvedAt: isoTime.nullable(),
  resolvedBy: z.string().nullable(),
  acknowledgedAt: isoTime.nullable(),
  acknowledgedBy: z.string().nullable(),
  ticket: CarrierTicket.nullable(),
});
export type Incident = z.infer<typeof Incident>;

/**
 * The § 58 TKG repair clock of a reported consumer fault: when the carrier's
 * repair time runs out, and what compensation is owed from when.
 */
export const RepairClockView = z.discriminatedUnion('applicable', [
  z.object({ applicable: z.literal(false), reason: z.literal('business_customer') }),
  z.object({
    applicable: z.literal(true),
    /** Calendar dates in Europe/Berlin, `YYYY-MM-DD`. */
    reportDate: z.string(),
    lastRepairDate: z.string(),
    /** Midnight after the second day: the end of the carrier's repair time. */
    deadlineAt: isoTime,
    overdue: z.boolean(),
    /** § 58 Abs. 2: the carrier owes the customer word of what it is doing. */
    updateOwed: z.boolean(),
    daysOwed: z.number().int(),
    accruedCents: z.number().int(),
    currentCentsPerDay: z.number().int().nullable(),
    rates: z.array(
      z.object({ fromDay: z.number().int(), fromDate: z.string(), centsPerDay: z.number().int() }),
    ),
  }),
]);
export type RepairClockView = z.infer<typeof RepairClockView>;

export const IncidentDetail = Incident.extend({
  timeline: z.array(IncidentEvent),
  /** Site incidents of an area incident. */
  children: z.array(Incident),
  /** Once a carrier ticket is entered; null before. */
  repairClock: RepairClockView.nullable(),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

/** What the live feed's `incident` event says happened to an incident. */
export const incidentChanges = ['opened', 'changed', 'resolved'] as const;
export const IncidentChange = z.enum(incidentChanges);
export type IncidentChange = z.infer<typeof IncidentChange>;

/** The data of the live feed's `incident` event (`GET /api/v1/events`). */
export const LiveIncident = z.object({ change: IncidentChange, incident: Incident });
export type LiveIncident = z.infer<typeof LiveIncident>;

export const IncidentListQuery = z.object({
  state: z.enum(['open', 'closed', 'all']).default('open'),
  siteId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const IncidentNote = z.object({ text: text(4000) });
export const IncidentTicket = z.object({
  carrier: text(100),
  number: text(100),
  /** When it was reported to the carrier; default now. */
  reportedAt: isoTime.optional(),
});
export const IncidentResolve = z.object({ note: text(4000).optional() });

export const maintenanceScopes = ['site', 'carrier', 'area'] as const;
export const MaintenanceScope = z.enum(maintenanceScopes);

export const MaintenanceWindowCreate = z
  .object({
    scope: MaintenanceScope,
    /** The site id, the carrier's name or the area. */
    value: text(200),
    startsAt: isoTime,
    endsAt: isoTime,
    reason: text(500).optional(),
  })
  .refine((w) => Date.parse(w.endsAt) > Date.parse(w.startsAt), {
    message: 'must end after it starts',
    path: ['endsAt'],
  });
export type MaintenanceWindowCreate = z.infer<typeof MaintenanceWindowCreate>;

export const MaintenanceWindow = z.object({
  id: z.uuid(),
  scope: MaintenanceScope,
  value: z.string(),
  startsAt: isoTime,
  endsAt: isoTime,
  reason: z.string().nullable(),
  createdBy: z.string(),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

export const HotlineReport = z.object({
  title: z.string(),
  /** The whole report as plain text, to copy or read out. */
  text: z.string(),
  /** The same, in sections, for printing. */
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      lines: z.array(z.object({ label: z.string().nullable(), value: z.string() })),
    }),
  ),
  repairClock: RepairClockView.nullable(),
});
export type HotlineReport = z.infer<typeof HotlineReport>;

export const HotlineReportQuery = z.object({
  lang: z.enum(['de', 'en']).optional(),
  format: z.enum(['json', 'text']).default('json'),
});
