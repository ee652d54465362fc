import { z } from 'zod';

/** A text in both languages the product speaks. */
export interface Localised {
  de: string;
  en: string;
}

/** The languages the product speaks; `en` is the fallback. */
export const languages = ['de', 'en'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

/**
 * Every status a site can have. One source of truth: the zod enum and the
 * type are derived from this list, the labels below are keyed by it.
 */
export const siteStatuses = ['up', 'degraded', 'down', 'unknown', 'maintenance'] as const;
export const SiteStatus = z.enum(siteStatuses);
export type SiteStatus = z.infer<typeof SiteStatus>;

/** Causes of `down`, ordered from the least to the most that is known. */
export const downCauses = [
  'agent_silent',
  'power_or_device',
  'router_unreachable',
  'line_sync_lost',
  'isp_session_down',
  'dns_failure',
  'internet_unreachable',
] as const;

/** Causes of `degraded`. */
export const degradedCauses = [
  'high_loss',
  'high_latency',
  'high_jitter',
  'slow_dns',
  'low_sync_rate',
  'line_errors',
] as const;

export const causes = [...downCauses, ...degradedCauses] as const;
export const Cause = z.enum(causes);
export type Cause = z.infer<typeof Cause>;
export type DownCause = (typeof downCauses)[number];
export type DegradedCause = (typeof degradedCauses)[number];

export interface StatusInfo {
  label: Localised;
  /** A CSS colour that reads well on white and dark backgrounds. */
  colour: string;
  /** A one-character symbol so status is never told by colour alone. */
  icon: string;
  /** Sort order on the board: lower comes first (down first). */
  rank: number;
}

export const statusCatalogue: Record<SiteStatus, StatusInfo> = {
  down: { label: { de: 'Gestört', en: 'Down' }, colour: '#d32f2f', icon: '✖', rank: 0 },
  degraded: { label: { de: 'Beeinträchtigt', en: 'Degraded' }, colour: '#ed8b00', icon: '▲', rank: 1 },
  unknown: { label: { de: 'Unbekannt', en: 'Unknown' }, colour: '#757575', icon: '?', rank: 2 },
  maintenance: { label: { de: 'Wartung', en: 'Maintenance' }, colour: '#1976d2', icon: '⚙', rank: 3 },
  up: { label: { de: 'In Ordnung', en: 'Up' }, colour: '#2e7d32', icon: '✔', rank: 4 },
};

export interface CauseInfo {
  /** The status this cause explains. */
  status: 'down' | 'degraded';
  label: Localised;
  /** What is known when this cause is given. */
  meaning: Localised;
  /** What the shop should do next. */
  action: Localised;
}

export const causeCatalogue: Record<Cause, CauseInfo> = {
  agent_silent: {
    status: 'down',
    label: { de: 'Messbox schweigt', en: 'Monitor silent' },
    meaning: {
      de: 'Der Server hat die Verbindung zur Messbox verloren; mehr ist noch nicht bekannt.',
      en: 'The server lost contact with the monitoring box; nothing else is known yet.',
    },
    action: {
      de: 'Lagebild der Region abwarten, Kunden anrufen.',
      en: 'Wait for the area picture, call the customer.',
    },
  },
  power_or_device: {
    status: 'down',
    label: { de: 'Stromausfall oder Gerät aus', en: 'Power cut or device off' },
    meaning: {
      de: 'Die Messbox war ausgeschaltet: Stromausfall oder ausgesteckt.',
      en: 'The monitoring box was off: power cut or unplugged.',
    },
    action: { de: 'Kunden nach Strom fragen.', en: 'Ask the customer about power.' },
  },
  router_unreachable: {
    status: 'down',
    label: { de: 'Router nicht erreichbar', en: 'Router unreachable' },
    meaning: {
      de: 'Die Messbox läuft, aber der Router (Standard-Gateway) antwortet nicht.',
      en: 'The monitoring box runs, but the router (default gateway) does not answer.',
    },
    action: {
      de: 'Router aus oder defekt: Ersatzrouter bereitstellen.',
      en: 'Router off or broken: bring a spare router.',
    },
  },
  line_sync_lost: {
    status: 'down',
    label: { de: 'Leitung ohne Synchronisation', en: 'Line sync lost' },
    meaning: {
      de: 'Der Router antwortet, aber seine DSL-/Kabel-/Glasfaserverbindung ist unterbrochen.',
      en: 'The router answers, but its DSL/cable/fibre link is down.',
    },
    action: {
      de: 'Leitungsstörung: Techniker des Netzbetreibers beauftragen.',
      en: "Line fault: order the carrier's technician.",
    },
  },
  isp_session_down: {
    status: 'down',
    label: { de: 'Einwahl gescheitert', en: 'ISP session down' },
    meaning: {
      de: 'Die Leitung ist synchron, aber die PPP-/IP-Sitzung steht nicht.',
      en: 'The link is up, but the PPP/IP session is down.',
    },
    action: {
      de: 'Netz des Anbieters oder Zugangsdaten: Anbieter anrufen.',
      en: 'Carrier network or login data: call the carrier.',
    },
  },
  dns_failure: {
    status: 'down',
    label: { de: 'Namensauflösung gestört', en: 'DNS failure' },
    meaning: {
      de: 'IP-Verbindung in Ordnung, aber Namen werden nicht aufgelöst.',
      en: 'IP connectivity is fine, but name resolution fails.',
    },
    action: {
      de: 'DNS von Router/Anbieter prüfen; als Umgehung anderen DNS-Server eintragen.',
      en: 'Check router/ISP DNS; set another DNS server as a workaround.',
    },
  },
  internet_unreachable: {
    status: 'down',
    label: { de: 'Internet nicht erreichbar', en: 'Internet unreachable' },
    meaning: {
      de: 'Der Router ist online, aber Ziele im Internet sind nicht erreichbar.',
      en: 'The router is online, but internet targets are unreachable.',
    },
    action: {
      de: 'Störung im Netz des Anbieters: mit anderen Standorten vergleichen.',
      en: 'Carrier backbone: compare with other sites.',
    },
  },
  high_loss: {
    status: 'degraded',
    label: { de: 'Paketverlust', en: 'Packet loss' },
    meaning: { de: 'Pakete gehen verloren.', en: 'Packets are being lost.' },
    action: {
      de: 'Leitung beobachten; bei Dauer Anbieter informieren.',
      en: 'Watch the line; report to the carrier if it persists.',
    },
  },
  high_latency: {
    status: 'degraded',
    label: { de: 'Hohe Laufzeit', en: 'High latency' },
    meaning: { de: 'Die Antwortzeiten sind hoch.', en: 'Round-trip times are high.' },
    action: {
      de: 'Auslastung prüfen; bei Dauer Anbieter informieren.',
      en: 'Check for congestion; report to the carrier if it persists.',
    },
  },
  high_jitter: {
    status: 'degraded',
    label: { de: 'Schwankende Laufzeit', en: 'High jitter' },
    meaning: { de: 'Die Antwortzeiten schwanken stark.', en: 'Round-trip times vary strongly.' },
    action: {
      de: 'Telefonie kann leiden: Leitung beobachten.',
      en: 'Voice calls may suffer: watch the line.',
    },
  },
  slow_dns: {
    status: 'degraded',
    label: { de: 'Langsame Namensauflösung', en: 'Slow DNS' },
    meaning: { de: 'Namen werden nur langsam aufgelöst.', en: 'Name resolution is slow.' },
    action: {
      de: 'DNS-Server von Router/Anbieter prüfen.',
      en: 'Check the router/ISP DNS servers.',
    },
  },
  low_sync_rate: {
    status: 'degraded',
    label: { de: 'Sync-Rate zu niedrig', en: 'Low sync rate' },
    meaning: {
      de: 'Die Leitung synchronisiert deutlich unter der vertraglichen Geschwindigkeit.',
      en: 'The line syncs far below the contracted speed.',
    },
    action: {
      de: 'Leitungswerte dokumentieren, Entstörung beim Anbieter anfragen.',
      en: 'Record the line figures, ask the carrier for a line check.',
    },
  },
  line_errors: {
    status: 'degraded',
    label: { de: 'Leitungsfehler', en: 'Line errors' },
    meaning: {
      de: 'CRC-Fehler oder Neusynchronisationen nehmen zu.',
      en: 'CRC errors or resyncs are rising.',
    },
    action: {
      de: 'Verkabelung prüfen, bei Dauer Leitungsprüfung beauftragen.',
      en: 'Check the wiring; order a line check if it persists.',
    },
  },
};

/**
 * The label of a status or cause in the requested language.
 *
 * @example
 * causeLabel('line_sync_lost', 'de') // 'Leitung ohne Synchronisation'
 */
export function causeLabel(cause: Cause, lang: Language): string {
  return causeCatalogue[cause].label[lang];
}

/** @example statusLabel('down', 'en') // 'Down' */
export function statusLabel(status: SiteStatus, lang: Language): string {
  return statusCatalogue[status].label[lang];
}
