import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

/** Why the server holds silent boxes back instead of declaring their lines down. */
export const cutOffReasons = ['uplink_probes_failing', 'mass_silence'] as const;
export const CutOffReason = z.enum(cutOffReasons);
export type CutOffReason = z.infer<typeof CutOffReason>;

/**
 * Whether the server counts a silent box as a line down
 * (`GET /api/v1/detection`, and `event: detection` on the live feed when it
 * changes). `cut_off`: the server itself looks cut off — its own uplink
 * probes fail, or boxes of many carriers and areas fell silent together —
 * so silent boxes are not declared down until that is over; what they
 * recorded meanwhile arrives with their backlog.
 */
export const DetectionState = z.object({
  state: z.enum(['normal', 'cut_off']),
  /** Null while `normal`. */
  reason: CutOffReason.nullable(),
  /** Since when the server looks cut off; null while `normal`. */
  since: isoTime.nullable(),
});
export type DetectionState = z.infer<typeof DetectionState>;

export const normalDetection: DetectionState = { state: 'normal', reason: null, since: null };
