import type { RouterDsl } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { type HotlineReportInput, hotlineReport } from './hotline-report.js';

const t = (iso: string) => Date.parse(iso);

/** FRITZ!Box figures from the telegraf fixture (DOMAIN.md § 2), as the agent reports them. */
const dsl: RouterDsl = {
  status: 'Up',
  downCurrentKbps: 236_716,
  upCurrentKbps: 46_719,
  downMaxKbps: 240_893,
  upMaxKbps: 49_741,
  downSnrMarginDb: 11,
  upSnrMarginDb: 8,
  downAttenuationDb: 14,
  upAttenuationDb: 8,
  crcErrors: 6,
  fecErrors: 120,
  linkRetrains: 1,
  erroredSeconds: 4,
  severelyErroredSeconds: 0,
};

/** A consumer's DSL line that lost sync on Monday 3 March 2025 at 14:05:12 Berlin time. */
function input(patch: Partial<HotlineReportInput> = {}): HotlineReportInput {
  return {
    lang: 'de',
    now: t('2025-03-03T15:00:00Z'),
    customer: { name: 'Erika Mustermann', address: 'Hauptstraße 1, 10115 Berlin', business: false },
    line: {
      carrier: 'Telekom',
      product: 'MagentaZuhause L',
      accessType: 'dsl',
      contract: { downMbps: 250, upMbps: 40 },
      customerNumber: '5500123456',
      contractNumber: null,
    },
    incident: { cause: 'line_sync_lost', status: 'down', startedAt: t('2025-03-03T13:05:12Z') },
    checks: {
      routerReachable: true,
      syncLostAt: t('2025-03-03T13:05:12Z'),
      lastDsl: { at: t('2025-03-03T13:04:40Z'), dsl },
    },
    routerLog: [
      { at: '2025-03-03T14:05:12+01:00', text: 'DSL antwortet nicht (Keine DSL-Synchronisierung).' },
      { at: '2025-03-03T14:05:10+01:00', text: 'Internetverbindung wurde getrennt.' },
      { at: null, text: 'DSL ist verfügbar (DSL-Synchronisierung besteht mit 236716/46719 kBit/s).' },
    ],
    ticket: { carrier: 'Telekom', number: '000123456789', reportedAt: t('2025-03-03T14:30:00Z') },
    ...patch,
  };
}

describe('hotlineReport: line_sync_lost', () => {
  it.each<[string, Partial<HotlineReportInput>, string[]]>([
    [
      'German: sync-loss time, last DSL figures and the § 58 deadline',
      {},
      [
        'Störungsmeldung: Leitung ohne Synchronisation',
        'Synchronisation verloren am: 03.03.2025, 14:05:12 Uhr',
        'Gemessen am: 03.03.2025, 14:04:40 Uhr',
        'Synchronisationsrate (Download / Upload): 236.716 / 46.719 kbit/s',
        'Leitungskapazität (Download / Upload): 240.893 / 49.741 kbit/s',
        'Störabstand (SNR-Marge) (Download / Upload): 11,0 / 8,0 dB',
        'Dämpfung (Download / Upload): 14,0 / 8,0 dB',
        'CRC-Fehler: 6',
        'Router im Heimnetz (LAN) erreichbar: ja',
        'Die Störung liegt auf der Leitung.',
        'Vertraglich vereinbart: 250 Mbit/s Download / 40 Mbit/s Upload',
        'Kundennummer: 5500123456',
        'Ticketnummer: 000123456789',
        'Störung gemeldet am: 03.03.2025, 15:30 Uhr',
        'Frist zur Entstörung (§ 58 Abs. 3 TKG): endet am Mi., 05.03.2025 um 24:00 Uhr',
        'Entschädigung bei vollständigem Ausfall (§ 58 Abs. 3 TKG): ab Do., 06.03.2025: 5,00 € pro Tag; ab Sa., 08.03.2025: 10,00 € pro Tag',
        'Empfohlene Maßnahme: Leitungsstörung: Techniker des Netzbetreibers beauftragen.',
        '14:05:12 Uhr: DSL antwortet nicht (Keine DSL-Synchronisierung).',
        'Ende: Störung besteht weiterhin',
        'Dauer: 1 Std., 54 Min.',
      ],
    ],
    [
      'English: the same facts, British date order',
      { lang: 'en' },
      [
        'Fault report: Line sync lost',
        'Sync lost at: 03/03/2025, 14:05:12',
        'Sync rate (down / up): 236,716 / 46,719 kbit/s',
        'SNR margin (down / up): 11.0 / 8.0 dB',
        'Attenuation (down / up): 14.0 / 8.0 dB',
        'CRC errors: 6',
        'Ticket number: 000123456789',
        'Repair deadline (§ 58(3) TKG): end of Wed, 05/03/2025 (24:00)',
        'Compensation for complete outage (§ 58(3) TKG): from Thu, 06/03/2025: €5.00 per day; from Sat, 08/03/2025: €10.00 per day',
      ],
    ],
    [
      'past the deadline: what has accrued, with the monthly fee',
      {
        now: t('2025-03-08T11:00:00Z'),
        line: { ...input().line, monthlyFeeCents: 7999 },
      },
      [
        'Zwischenbescheid (§ 58 Abs. 2 TKG): Der Anbieter muss bis Mi., 05.03.2025, 24:00 Uhr, mitteilen',
        'ab Do., 06.03.2025: 8,00 € pro Tag',
        'ab Sa., 08.03.2025: 16,00 € pro Tag',
        'Frist überschritten: ja; bisher 3 Tage Entschädigung, zusammen 32,00 €',
        'Dauer: 4 Tage, 21 Std., 54 Min.',
      ],
    ],
    [
      'printed in another zone: times move, the § 58 Berlin day does not',
      {
        timeZone: 'Europe/London',
        ticket: { carrier: 'Telekom', number: 'T-1', reportedAt: t('2025-03-03T23:30:00Z') },
      },
      [
        'Synchronisation verloren am: 03.03.2025, 13:05:12 Uhr',
        'Störung gemeldet am: 03.03.2025, 23:30 Uhr',
        'endet am Do., 06.03.2025 um 24:00 Uhr',
      ],
    ],
    [
      'a business customer: § 58 does not apply',
      { customer: { name: 'Bäckerei Schmidt', address: 'Marktplatz 2, 04109 Leipzig', business: true } },
      ['§ 58 TKG: gilt nur für Verbraucher; für Geschäftskunden keine gesetzliche Entschädigung'],
    ],
    [
      'an area incident names the other lines down',
      { incident: { ...input().incident, otherSitesAffected: 11 } },
      ['Weitere gestörte Anschlüsse desselben Anbieters in der Umgebung: 11'],
    ],
    [
      'an empty router log says so',
      { routerLog: [] },
      ['Ereignisprotokoll des Routers (neueste zuerst)\n  keine Einträge'],
    ],
    [
      'the router silent: power and router are not ruled out',
      { checks: { routerReachable: false, syncLostAt: null, lastDsl: null } },
      [
        'Router im Heimnetz (LAN) erreichbar: nein',
        'Strom oder Router beim Kunden sind nicht ausgeschlossen.',
      ],
    ],
    [
      'a missing figure is a dash, not a zero',
      {
        checks: {
          ...input().checks,
          lastDsl: { at: t('2025-03-03T13:04:40Z'), dsl: { ...dsl, upSnrMarginDb: null } },
        },
      },
      ['Störabstand (SNR-Marge) (Download / Upload): 11,0 / – dB'],
    ],
  ])('%s', (_name, patch, expected) => {
    const { text } = hotlineReport(input(patch));
    for (const fragment of expected) expect(text).toContain(fragment);
  });

  it.each<[string, Partial<HotlineReportInput>, string[]]>([
    ['no ticket: no § 58 section', { ticket: null }, ['§ 58', 'Ticketnummer']],
    [
      'fixed in time: no update owed, nothing overdue',
      {
        incident: { ...input().incident, endedAt: t('2025-03-04T08:00:00Z') },
        now: t('2025-03-10T08:00:00Z'),
      },
      ['Zwischenbescheid', 'Frist überschritten', 'besteht weiterhin'],
    ],
    [
      'router silent: the line is not blamed',
      { checks: { routerReachable: false, syncLostAt: null, lastDsl: null } },
      ['liegt auf der Leitung', 'Letzte Leitungswerte'],
    ],
    [
      'business: no deadline',
      { customer: { name: 'X GmbH', address: 'Y', business: true } },
      ['Frist zur Entstörung'],
    ],
    ['unknown numbers are left out', {}, ['Vertragsnummer']],
    ['no log read: no log section', { routerLog: undefined }, ['Ereignisprotokoll', 'keine Einträge']],
  ])('%s', (_name, patch, absent) => {
    const { text } = hotlineReport(input(patch));
    for (const fragment of absent) expect(text).not.toContain(fragment);
  });

  it('keeps at most maxLogLines router log lines, newest first', () => {
    const { sections } = hotlineReport(input({ maxLogLines: 2 }));
    const log = sections.find((s) => s.id === 'routerLog');
    expect(log?.lines.map((l) => l.value)).toEqual([
      'DSL antwortet nicht (Keine DSL-Synchronisierung).',
      'Internetverbindung wurde getrennt.',
    ]);
  });

  it('gives a log line without a time a dash', () => {
    const { sections } = hotlineReport(input());
    expect(sections.find((s) => s.id === 'routerLog')?.lines[2]?.label).toBe('–');
  });

  it('returns the sections for HTML printing in reading order', () => {
    const report = hotlineReport(input());
    expect(report.title).toBe('Störungsmeldung: Leitung ohne Synchronisation');
    expect(report.sections.map((s) => s.id)).toEqual([
      'customer',
      'line',
      'fault',
      'checks',
      'lineFigures',
      'routerLog',
      'ticket',
    ]);
    expect(
      report.text.startsWith(
        'Störungsmeldung: Leitung ohne Synchronisation\nErstellt: 03.03.2025, 16:00 Uhr\n',
      ),
    ).toBe(true);
  });
});
