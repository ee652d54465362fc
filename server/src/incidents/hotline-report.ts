import {
  type AccessType,
  type Cause,
  type Contract,
  causeCatalogue,
  type Language,
  type RouterDsl,
  type RouterLogEntry,
  type SiteStatus,
  statusLabel,
} from '@linewatch/shared';
import { type Phrases, phrases, type ReportSectionId } from './hotline-phrases.js';
import { legalTimeZone, repairClock } from './repair-clock.js';
import { createReportFormatter, defaultReportTimeZone, type ReportFormatter } from './report-format.js';

/**
 * The "hotline report": what the shop reads to the carrier's hotline so a
 * technician is sent without the usual "have you restarted your router?".
 * Pure: every fact and the time arrive in the input.
 */

export interface HotlineReportInput {
  lang: Language;
  now: number;
  /** Zone for dates and times; default Europe/Berlin. (§ 58 days are always Berlin days.) */
  timeZone?: string;
  customer: {
    name: string;
    address: string;
    /** Business customers are not covered by § 58 TKG. */
    business: boolean;
  };
  line: {
    carrier: string;
    product?: string | null;
    accessType?: AccessType | null;
    contract: Contract;
    /** The customer's number at the carrier, if known. */
    customerNumber?: string | null;
    contractNumber?: string | null;
    /** Monthly fee in euro cents, for the § 58 percentage. */
    monthlyFeeCents?: number | null;
  };
  incident: {
    cause: Cause;
    status: SiteStatus;
    startedAt: number;
    endedAt?: number | null;
    /** Other sites of the same carrier down in the area (an area incident). */
    otherSitesAffected?: number | null;
  };
  checks: {
    /** null when it could not be checked. */
    routerReachable: boolean | null;
    /** When the router lost DSL sync, if known. */
    syncLostAt?: number | null;
    /** The last DSL figures read before the fault (RouterStatus.dsl). */
    lastDsl?: { at: number; dsl: RouterDsl } | null;
  };
  /** Router event-log lines, newest first (RouterStatus.log). */
  routerLog?: readonly RouterLogEntry[];
  /** At most this many log lines; default 10. */
  maxLogLines?: number;
  ticket?: { carrier: string; number: string; reportedAt: number } | null;
}

/** One line of a section; `label` null for a sentence standing alone. */
export interface ReportLine {
  label: string | null;
  value: string;
}

export interface ReportSection {
  id: ReportSectionId;
  title: string;
  lines: ReportLine[];
}

export interface HotlineReport {
  title: string;
  /** The sections, for HTML printing. */
  sections: ReportSection[];
  /** The whole report as plain text. */
  text: string;
}

type Ctx = { input: HotlineReportInput; p: Phrases; f: ReportFormatter };

const line = (label: string | null, value: string): ReportLine => ({ label, value });

/** A line only when the value is known, so the hotline is not read empty fields. */
const known = (label: string, value: string | null | undefined): ReportLine[] =>
  value ? [line(label, value)] : [];

function customerSection({ input, p }: Ctx): ReportLine[] {
  return [line(p.label.name, input.customer.name), line(p.label.address, input.customer.address)];
}

function lineSection({ input, p, f }: Ctx): ReportLine[] {
  const l = input.line;
  const mbps = (n: number) => f.integer(n);
  return [
    line(p.label.carrier, l.carrier),
    ...known(p.label.product, l.product),
    ...known(p.label.accessType, l.accessType ? p.accessType[l.accessType] : null),
    line(p.label.contracted, p.contracted(mbps(l.contract.downMbps), mbps(l.contract.upMbps))),
    ...known(p.label.customerNumber, l.customerNumber),
    ...known(p.label.contractNumber, l.contractNumber),
  ];
}

function duration(p: Phrases, ms: number): string {
  const totalMin = Math.max(0, Math.floor(ms / 60_000));
  return p.duration(Math.floor(totalMin / 1440), Math.floor((totalMin % 1440) / 60), totalMin % 60);
}

function faultSection({ input, p, f }: Ctx): ReportLine[] {
  const { incident, lang, now } = input;
  const cause = causeCatalogue[incident.cause];
  const end = incident.endedAt ?? null;
  const others = incident.otherSitesAffected ?? 0;
  return [
    line(p.label.cause, cause.label[lang]),
    line(p.label.finding, cause.meaning[lang]),
    line(p.label.startedAt, f.dateTime(incident.startedAt)),
    line(p.label.endedAt, end === null ? p.ongoing : f.dateTime(end)),
    line(p.label.duration, duration(p, (end ?? now) - incident.startedAt)),
    line(p.label.status, statusLabel(incident.status, lang)),
    ...(others > 0 ? [line(p.label.othersAffected, f.integer(others))] : []),
    line(p.label.action, cause.action[lang]),
  ];
}

function checksSection({ input, p, f }: Ctx): ReportLine[] {
  const { routerReachable, syncLostAt } = input.checks;
  const reachable = routerReachable === null ? p.notChecked : routerReachable ? p.yes : p.no;
  const lines = [line(p.label.routerReachable, reachable)];
  if (syncLostAt != null) lines.push(line(p.label.syncLostAt, f.dateTime(syncLostAt, true)));
  if (routerReachable === true) lines.push(line(null, p.routerAnswers));
  if (routerReachable === false) lines.push(line(null, p.routerSilent));
  if (routerReachable === true && syncLostAt != null) lines.push(line(null, p.faultOnLine));
  return lines;
}

function lineFiguresSection({ input, p, f }: Ctx): ReportLine[] {
  const last = input.checks.lastDsl;
  if (!last) return [];
  const d = last.dsl;
  /** `down / up unit`, a dash for a missing half, nothing when both are missing. */
  const pair = (
    label: string,
    down: number | null,
    up: number | null,
    fmt: (n: number) => string,
    unit: string,
  ) =>
    down === null && up === null
      ? []
      : [line(label, `${down === null ? '–' : fmt(down)} / ${up === null ? '–' : fmt(up)} ${unit}`)];
  return [
    line(p.label.measuredAt, f.dateTime(last.at, true)),
    ...pair(p.label.syncRate, d.downCurrentKbps, d.upCurrentKbps, f.integer, 'kbit/s'),
    ...pair(p.label.maxRate, d.downMaxKbps, d.upMaxKbps, f.integer, 'kbit/s'),
    ...pair(p.label.snrMargin, d.downSnrMarginDb, d.upSnrMarginDb, f.decibels, 'dB'),
    ...pair(p.label.attenuation, d.downAttenuationDb, d.upAttenuationDb, f.decibels, 'dB'),
    ...known(p.label.crcErrors, d.crcErrors === null ? null : f.integer(d.crcErrors)),
    ...known(p.label.retrains, d.linkRetrains === null ? null : f.integer(d.linkRetrains)),
  ];
}

function routerLogSection({ input, p, f }: Ctx): ReportLine[] {
  // No log read at all: leave the section out rather than claim the log was empty.
  if (!input.routerLog) return [];
  const entries = input.routerLog.slice(0, input.maxLogLines ?? 10);
  if (entries.length === 0) return [line(null, p.noLog)];
  return entries.map((e) => {
    const at = e.at === null ? Number.NaN : Date.parse(e.at);
    return line(Number.isNaN(at) ? '–' : f.dateTime(at, true), e.text);
  });
}

function ticketSection({ input, p, f }: Ctx): ReportLine[] {
  const ticket = input.ticket;
  if (!ticket) return [];
  const lines = [
    line(p.label.carrier, ticket.carrier),
    line(p.label.ticketNumber, ticket.number),
    line(p.label.reportedAt, f.dateTime(ticket.reportedAt)),
  ];
  const clock = repairClock({
    reportedAt: ticket.reportedAt,
    now: input.now,
    business: input.customer.business,
    monthlyFeeCents: input.line.monthlyFeeCents ?? null,
    fixedAt: input.incident.endedAt ?? null,
  });
  if (!clock.applicable) return [...lines, line(p.label.tkg, p.notApplicable)];
  // The § 58 days are Berlin days whatever zone the report is printed in; the deadline is midnight after the last day.
  const lastDay = f.day(clock.deadlineAt - 1, legalTimeZone);
  lines.push(line(p.label.deadline, p.deadline(lastDay)));
  if (clock.updateOwed) lines.push(line(p.label.update, p.updateDue(lastDay)));
  const rates = clock.rates.map((r) => p.rate(f.day(r.fromAt, legalTimeZone), f.euros(r.centsPerDay)));
  lines.push(line(p.label.compensation, rates.join('; ')));
  if (clock.overdue)
    lines.push(line(p.label.overdue, p.overdue(clock.daysOwed, f.euros(clock.accruedCents))));
  return lines;
}

/** Section order of the printed report. Empty sections are left out. */
const builders: [ReportSectionId, (ctx: Ctx) => ReportLine[]][] = [
  ['customer', customerSection],
  ['line', lineSection],
  ['fault', faultSection],
  ['checks', checksSection],
  ['lineFigures', lineFiguresSection],
  ['routerLog', routerLogSection],
  ['ticket', ticketSection],
];

/**
 * Renders the hotline report in German or English.
 *
 * @example
 * const { text } = hotlineReport({ lang: 'de', now, customer, line, incident: { cause: 'line_sync_lost', … }, checks, ticket });
 * // text contains 'Synchronisation verloren am: 03.03.2025, 14:05:12 Uhr' and
 * // 'Frist zur Entstörung (§ 58 Abs. 3 TKG): endet am Mi., 05.03.2025 um 24:00 Uhr'
 */
export function hotlineReport(input: HotlineReportInput): HotlineReport {
  const p = phrases[input.lang];
  const f = createReportFormatter(input.lang, input.timeZone ?? defaultReportTimeZone);
  const ctx: Ctx = { input, p, f };
  const title = p.title(causeCatalogue[input.incident.cause].label[input.lang]);
  const sections = builders
    .map(([id, build]) => ({ id, title: p.sections[id], lines: build(ctx) }))
    .filter((s) => s.lines.length > 0);
  const text = [
    `${title}\n${p.created}: ${f.dateTime(input.now)}`,
    ...sections.map((s) =>
      [s.title, ...s.lines.map((l) => `  ${l.label ? `${l.label}: ` : ''}${l.value}`)].join('\n'),
    ),
  ].join('\n\n');
  return { title, sections, text: `${text}\n` };
}
