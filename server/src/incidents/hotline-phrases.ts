import type { AccessType, Language } from '@linewatch/shared';

/**
 * The wording of the hotline report, German and English side by side. A
 * `Record<Language, Phrases>`, so a phrase missing in one language is a
 * compile error. German uses the words a carrier's hotline uses
 * (Leitung, Synchronisation, Störungsmeldung, Ticketnummer, Dämpfung,
 * Störabstand, CRC-Fehler).
 */

export const reportSectionIds = [
  'customer',
  'line',
  'fault',
  'checks',
  'lineFigures',
  'routerLog',
  'ticket',
] as const;
export type ReportSectionId = (typeof reportSectionIds)[number];

export interface Phrases {
  title(causeLabel: string): string;
  created: string;
  sections: Record<ReportSectionId, string>;
  label: {
    name: string;
    address: string;
    carrier: string;
    product: string;
    accessType: string;
    contracted: string;
    customerNumber: string;
    contractNumber: string;
    cause: string;
    finding: string;
    startedAt: string;
    endedAt: string;
    duration: string;
    status: string;
    othersAffected: string;
    action: string;
    routerReachable: string;
    syncLostAt: string;
    measuredAt: string;
    syncRate: string;
    maxRate: string;
    snrMargin: string;
    attenuation: string;
    crcErrors: string;
    retrains: string;
    ticketNumber: string;
    reportedAt: string;
    deadline: string;
    update: string;
    compensation: string;
    overdue: string;
    tkg: string;
  };
  yes: string;
  no: string;
  notChecked: string;
  ongoing: string;
  noLog: string;
  accessType: Record<AccessType, string>;
  contracted(down: string, up: string): string;
  duration(days: number, hours: number, minutes: number): string;
  routerAnswers: string;
  routerSilent: string;
  faultOnLine: string;
  deadline(lastDay: string): string;
  updateDue(lastDay: string): string;
  rate(fromDay: string, amount: string): string;
  overdue(days: number, amount: string): string;
  notApplicable: string;
}

const de: Phrases = {
  title: (cause) => `Störungsmeldung: ${cause}`,
  created: 'Erstellt',
  sections: {
    customer: 'Kunde',
    line: 'Anschluss',
    fault: 'Störung',
    checks: 'Geprüft und ausgeschlossen',
    lineFigures: 'Letzte Leitungswerte vor der Störung',
    routerLog: 'Ereignisprotokoll des Routers (neueste zuerst)',
    ticket: 'Störungsmeldung beim Anbieter',
  },
  label: {
    name: 'Name',
    address: 'Anschrift',
    carrier: 'Anbieter',
    product: 'Tarif',
    accessType: 'Anschlussart',
    contracted: 'Vertraglich vereinbart',
    customerNumber: 'Kundennummer',
    contractNumber: 'Vertragsnummer',
    cause: 'Art der Störung',
    finding: 'Befund',
    startedAt: 'Beginn',
    endedAt: 'Ende',
    duration: 'Dauer',
    status: 'Status',
    othersAffected: 'Weitere gestörte Anschlüsse desselben Anbieters in der Umgebung',
    action: 'Empfohlene Maßnahme',
    routerReachable: 'Router im Heimnetz (LAN) erreichbar',
    syncLostAt: 'Synchronisation verloren am',
    measuredAt: 'Gemessen am',
    syncRate: 'Synchronisationsrate (Download / Upload)',
    maxRate: 'Leitungskapazität (Download / Upload)',
    snrMargin: 'Störabstand (SNR-Marge) (Download / Upload)',
    attenuation: 'Dämpfung (Download / Upload)',
    crcErrors: 'CRC-Fehler',
    retrains: 'Neusynchronisationen',
    ticketNumber: 'Ticketnummer',
    reportedAt: 'Störung gemeldet am',
    deadline: 'Frist zur Entstörung (§ 58 Abs. 3 TKG)',
    update: 'Zwischenbescheid (§ 58 Abs. 2 TKG)',
    compensation: 'Entschädigung bei vollständigem Ausfall (§ 58 Abs. 3 TKG)',
    overdue: 'Frist überschritten',
    tkg: '§ 58 TKG',
  },
  yes: 'ja',
  no: 'nein',
  notChecked: 'nicht geprüft',
  ongoing: 'Störung besteht weiterhin',
  noLog: 'keine Einträge',
  accessType: { dsl: 'DSL', cable: 'Kabel', fibre: 'Glasfaser', lte: 'LTE (Mobilfunk)', other: 'Sonstige' },
  contracted: (down, up) => `${down} Mbit/s Download / ${up} Mbit/s Upload`,
  duration: (d, h, m) =>
    [d > 0 ? `${d} ${d === 1 ? 'Tag' : 'Tage'}` : '', d > 0 || h > 0 ? `${h} Std.` : '', `${m} Min.`]
      .filter(Boolean)
      .join(', '),
  routerAnswers: 'Strom und Router beim Kunden in Ordnung: Der Router antwortet im Heimnetz.',
  routerSilent:
    'Der Router antwortet im Heimnetz nicht: Strom oder Router beim Kunden sind nicht ausgeschlossen.',
  faultOnLine: 'Der Router meldet keine Synchronisation der Leitung: Die Störung liegt auf der Leitung.',
  deadline: (day) => `endet am ${day} um 24:00 Uhr`,
  updateDue: (day) =>
    `Der Anbieter muss bis ${day}, 24:00 Uhr, mitteilen, welche Maßnahmen er eingeleitet hat und wann die Störung voraussichtlich behoben ist.`,
  rate: (day, amount) => `ab ${day}: ${amount} pro Tag`,
  overdue: (days, amount) =>
    `ja; bisher ${days} ${days === 1 ? 'Tag' : 'Tage'} Entschädigung, zusammen ${amount}`,
  notApplicable: 'gilt nur für Verbraucher; für Geschäftskunden keine gesetzliche Entschädigung',
};

const en: Phrases = {
  title: (cause) => `Fault report: ${cause}`,
  created: 'Created',
  sections: {
    customer: 'Customer',
    line: 'Line',
    fault: 'Fault',
    checks: 'Checked and ruled out',
    lineFigures: 'Last line figures before the fault',
    routerLog: 'Router event log (newest first)',
    ticket: 'Fault report to the carrier',
  },
  label: {
    name: 'Name',
    address: 'Address',
    carrier: 'Carrier',
    product: 'Product',
    accessType: 'Access type',
    contracted: 'Contracted',
    customerNumber: 'Customer number',
    contractNumber: 'Contract number',
    cause: 'Fault type',
    finding: 'Finding',
    startedAt: 'Started',
    endedAt: 'Ended',
    duration: 'Duration',
    status: 'Status',
    othersAffected: 'Other lines of the same carrier down nearby',
    action: 'Recommended action',
    routerReachable: 'Router reachable on the LAN',
    syncLostAt: 'Sync lost at',
    measuredAt: 'Measured at',
    syncRate: 'Sync rate (down / up)',
    maxRate: 'Line capacity (down / up)',
    snrMargin: 'SNR margin (down / up)',
    attenuation: 'Attenuation (down / up)',
    crcErrors: 'CRC errors',
    retrains: 'Resyncs',
    ticketNumber: 'Ticket number',
    reportedAt: 'Reported at',
    deadline: 'Repair deadline (§ 58(3) TKG)',
    update: 'Carrier update (§ 58(2) TKG)',
    compensation: 'Compensation for complete outage (§ 58(3) TKG)',
    overdue: 'Deadline missed',
    tkg: '§ 58 TKG',
  },
  yes: 'yes',
  no: 'no',
  notChecked: 'not checked',
  ongoing: 'still down',
  noLog: 'no entries',
  accessType: { dsl: 'DSL', cable: 'Cable', fibre: 'Fibre', lte: 'LTE (mobile)', other: 'Other' },
  contracted: (down, up) => `${down} Mbit/s down / ${up} Mbit/s up`,
  duration: (d, h, m) =>
    [d > 0 ? `${d} ${d === 1 ? 'day' : 'days'}` : '', d > 0 || h > 0 ? `${h} h` : '', `${m} min`]
      .filter(Boolean)
      .join(', '),
  routerAnswers: 'Power and router at the customer are fine: the router answers on the LAN.',
  routerSilent: 'The router does not answer on the LAN: power or router at the customer are not ruled out.',
  faultOnLine: 'The router reports no sync on the line: the fault is on the line.',
  deadline: (day) => `end of ${day} (24:00)`,
  updateDue: (day) =>
    `By the end of ${day} the carrier must say what it is doing and when the fault is expected to be fixed.`,
  rate: (day, amount) => `from ${day}: ${amount} per day`,
  overdue: (days, amount) =>
    `yes; so far ${days} ${days === 1 ? 'day' : 'days'} of compensation, ${amount} in total`,
  notApplicable: 'protects consumers only; no statutory compensation for business customers',
};

export const phrases: Record<Language, Phrases> = { de, en };
