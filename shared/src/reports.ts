import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

/** A calendar month, `YYYY-MM`, in the shop's time zone. */
export const ReportMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month written as YYYY-MM, e.g. 2026-11' });
export type ReportMonth = z.infer<typeof ReportMonth>;

export const AvailabilityQuery = z.object({ month: ReportMonth });

/** One line's month: how long it was down, how often and why. All durations in ms. */
export const SiteAvailability = z.object({
  siteId: z.string(),
  /** Outages (down incidents outside maintenance) that overlap the month. */
  outages: z.number().int().nonnegative(),
  /** Down time in the month; overlapping incidents counted once. */
  downMs: z.number().nonnegative(),
  /** Down time per cause (`none` when the cause was never known). */
  downMsByCause: z.record(z.string(), z.number().nonnegative()),
  /** Time degraded long enough to become an incident (not counted against uptime). */
  degradedMs: z.number().nonnegative(),
  /** Down time inside maintenance windows: recorded, not counted against uptime. */
  maintenanceMs: z.number().nonnegative(),
  /** Time the line was watched in the month (from its creation, up to now). */
  watchedMs: z.number().nonnegative(),
  /** 0…100; null when the line was not watched at all that month. */
  uptimePct: z.number().min(0).max(100).nullable(),
});
export type SiteAvailability = z.infer<typeof SiteAvailability>;

/** Availability of every line in a month, in the shop's time zone. */
export const AvailabilityReport = z.object({
  month: ReportMonth,
  timeZone: z.string(),
  /** The month's first instant and the next month's first instant. */
  from: isoTime,
  to: isoTime,
  /** False while the month is still running: its figures run up to now. */
  complete: z.boolean(),
  sites: z.array(SiteAvailability),
});
export type AvailabilityReport = z.infer<typeof AvailabilityReport>;
