import { z } from 'zod';
import type { DegradedCause, Localised } from './catalogue.js';

/**
 * Early warnings: slow trends on a line that tend to come before a fault
 * (falling SNR margin, rising CRC errors, frequent resyncs, congestion in
 * the evening). The server's hourly trend watch (`server/src/trends`)
 * keeps one open finding per site and kind while the trend holds and
 * clears it when it no longer does. A finding is a low-priority hint,
 * never an outage.
 */

const isoTime = z.iso.datetime({ offset: true });

/** Every kind of finding; one source of truth for the enum, the type and the catalogue below. */
export const findingKinds = [
  'snr_margin_falling',
  'snr_margin_low',
  'crc_errors_rising',
  'resyncs_frequent',
  'evening_congestion',
] as const;
export const FindingKind = z.enum(findingKinds);
export type FindingKind = z.infer<typeof FindingKind>;

/** `info`: worth a look on the next visit; `warning`: likely to turn into a fault soon. */
export const findingSeverities = ['info', 'warning'] as const;
export const FindingSeverity = z.enum(findingSeverities);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

/** What an analysis concluded: the message with its figures, and the figures themselves (units in the keys). */
export const TrendFinding = z.object({
  kind: FindingKind,
  severity: FindingSeverity,
  message: z.object({ de: z.string(), en: z.string() }),
  /** e.g. `{ recentMedianDb: 4.1, baselineMedianDb: 8.3 }`. */
  evidence: z.record(z.string(), z.number()),
});
export type TrendFinding = z.infer<typeof TrendFinding>;

/** A finding as stored for a site: open from `firstSeenAt`, last confirmed at `lastSeenAt`. */
export const SiteFinding = TrendFinding.extend({
  siteId: z.uuid(),
  firstSeenAt: isoTime,
  lastSeenAt: isoTime,
  /** When the trend stopped holding; null while open. */
  clearedAt: isoTime.nullable(),
});
export type SiteFinding = z.infer<typeof SiteFinding>;

export interface FindingInfo {
  label: Localised;
  /** What the shop should do about it. */
  action: Localised;
  /** The `degraded` cause the finding points to, should the site be marked degraded for it. */
  cause: DegradedCause;
}

export const findingCatalogue: Record<FindingKind, FindingInfo> = {
  snr_margin_falling: {
    label: { de: 'SNR-Reserve sinkt', en: 'SNR margin falling' },
    action: {
      de: 'Leitung beobachten; bei weiterem Abfall Entstörung beim Netzbetreiber anfragen (Hausverkabelung, Übersprechen).',
      en: 'Watch the line; if it keeps falling, ask the carrier to check it (in-house wiring, crosstalk).',
    },
    cause: 'line_errors',
  },
  snr_margin_low: {
    label: { de: 'SNR-Reserve gering', en: 'SNR margin low' },
    action: {
      de: 'Die Leitung hat kaum Reserve: Hausverkabelung prüfen, beim Netzbetreiber ein stabileres Profil anfragen.',
      en: 'The line has little reserve: check the in-house wiring, ask the carrier for a more stable profile.',
    },
    cause: 'line_errors',
  },
  crc_errors_rising: {
    label: { de: 'CRC-Fehler steigen', en: 'CRC errors rising' },
    action: {
      de: 'Übertragungsfehler kosten Pakete: Verkabelung und Splitter prüfen, sonst Netzbetreiber informieren.',
      en: 'Transmission errors lose packets: check cabling and splitter, else tell the carrier.',
    },
    cause: 'line_errors',
  },
  resyncs_frequent: {
    label: { de: 'Häufige Neusynchronisation', en: 'Frequent resyncs' },
    action: {
      de: 'Jede Neusynchronisation unterbricht die Verbindung: Leitung vom Netzbetreiber prüfen lassen.',
      en: 'Each resync interrupts the connection: have the carrier check the line.',
    },
    cause: 'line_errors',
  },
  evening_congestion: {
    label: { de: 'Abendliche Überlast', en: 'Evening congestion' },
    action: {
      de: 'Engpass im Netz des Anbieters zur Hauptnutzungszeit: Messwerte dem Anbieter melden.',
      en: "Bottleneck in the carrier's network at peak time: report the figures to the carrier.",
    },
    cause: 'high_latency',
  },
};
