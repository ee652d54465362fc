import { causeCatalogue, type Language, type NotificationKind } from '@linewatch/shared';
import { createReportFormatter } from '../incidents/report-format.js';
import { civilDateOf } from '../incidents/zoned-calendar.js';
import type { IncidentRow } from '../store/incidents.js';
import type { SiteRow } from '../store/sites.js';
import type { JsonValue, OutgoingMessage } from './channel.js';
import { smsFriendly, smsInfo } from './sms-text.js';
import { type MailBody, mailHtml, mailText } from './template-html.js';
import { alertPhrases, type Phrases, type Said } from './template-phrases.js';

/**
 * Renders a notification for every medium at once (the channel picks its
 * part): a short SMS (one GSM-7 segment where it can, the acknowledge link
 * kept whole), a rich e-mail (cause, recommended action, the sites, links,
 * the hotline report) and JSON facts for webhooks. Pure: every fact comes in.
 */

export interface MessageFacts {
  kind: NotificationKind;
  lang: Language;
  timeZone: string;
  now: number;
  orgName: string;
  channelName: string;
  /** null for a test message. */
  incident: IncidentRow | null;
  /** The site of a site incident; the sites of an area incident. */
  sites: readonly SiteRow[];
  links: { incident: string | null; ack: string | null };
  /** The hotline report as text (alerts and escalations by e-mail), or null. */
  report: string | null;
}

type Template =
  | 'alert'
  | 'area'
  | Exclude<NotificationKind, 'alert' | 'customer_recovery'>
  | 'customerRecovery';

function templateOf(f: MessageFacts): Template {
  if (f.kind === 'customer_recovery') return 'customerRecovery';
  if (f.kind === 'alert' && f.incident?.kind === 'area') return 'area';
  return f.kind;
}

/** Kinds that ask someone to act: they carry the acknowledge link. */
const asksToAct: ReadonlySet<NotificationKind> = new Set(['alert', 'reminder', 'escalation', 'update']);

function duration(p: Phrases, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 60_000));
  return p.duration(Math.floor(total / 1440), Math.floor((total % 1440) / 60), total % 60);
}

function describe(f: MessageFacts, p: Phrases): Said {
  const i = f.incident;
  const fmt = createReportFormatter(f.lang, f.timeZone);
  const clock = new Intl.DateTimeFormat(f.lang === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: f.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const day = new Intl.DateTimeFormat(f.lang === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: f.timeZone,
    day: '2-digit',
    month: '2-digit',
  });
  const sameDay = (ms: number) =>
    JSON.stringify(civilDateOf(ms, f.timeZone)) === JSON.stringify(civilDateOf(f.now, f.timeZone));
  const short = (ms: number) => (sameDay(ms) ? clock.format(ms) : `${day.format(ms)} ${clock.format(ms)}`);
  const site = f.sites[0];
  const title = !i
    ? ''
    : i.kind === 'area'
      ? i.power_cut === 1 || i.carrier === null
        ? p.powerTitle(i.area ?? '?')
        : p.areaTitle(i.carrier, i.area ?? '?')
      : site
        ? `${site.name} (${site.carrier})`
        : '?';
  const started = i?.started_at ?? f.now;
  return {
    title,
    state: i?.status === 'degraded' ? p.degraded : p.down,
    since: short(started),
    sinceFull: fmt.dateTime(started),
    duration: duration(p, (i?.recovered_at ?? f.now) - started),
    back: i?.recovered_at != null ? short(i.recovered_at) : null,
    cause: i?.cause ? causeCatalogue[i.cause].label[f.lang] : null,
    count: Math.max(f.sites.length, 1),
    org: f.orgName,
    channel: f.channelName,
  };
}

/**
 * `head` and `tail` (the link) in one SMS segment where possible: the head is
 * cut at a word and ends with `...`, the tail is never cut. A tail too long
 * for that goes whole anyway, and the channel fits it to its own limit.
 */
export function smsWithTail(head: string, tail: string): string {
  const full = smsFriendly(tail ? `${head} ${tail}` : head);
  if (smsInfo(full).segments <= 1 || !tail) return full;
  const words = smsFriendly(head).split(' ');
  for (let n = words.length - 1; n > 0; n--) {
    const candidate = `${words
      .slice(0, n)
      .join(' ')
      .replace(/[ ,.:;-]+$/, '')}... ${smsFriendly(tail)}`;
    if (smsInfo(candidate).segments <= 1) return candidate;
  }
  return full;
}

function siteLine(s: SiteRow): string {
  return `${s.name} - ${s.customer}, ${s.address} (${s.carrier})`;
}

function mailBody(f: MessageFacts, p: Phrases, said: Said, t: Template): MailBody {
  const customer = t === 'customer' || t === 'customerRecovery';
  const cause = f.incident?.cause ? causeCatalogue[f.incident.cause] : null;
  const facts: [string, string][] =
    cause && (t === 'alert' || t === 'area' || t === 'escalation' || t === 'reminder')
      ? [
          [p.causeLabel, `${cause.label[f.lang]} - ${cause.meaning[f.lang]}`],
          [p.actionLabel, cause.action[f.lang]],
        ]
      : [];
  const links = customer
    ? []
    : [
        ...(f.links.ack && asksToAct.has(f.kind) ? [{ label: p.ackLong, href: f.links.ack }] : []),
        ...(f.links.incident ? [{ label: p.openIncident, href: f.links.incident }] : []),
      ];
  return {
    lead: p.lead[t](said),
    facts,
    sitesTitle: customer || f.kind === 'test' ? null : p.sitesLabel,
    sites: customer || f.kind === 'test' ? [] : f.sites.map(siteLine),
    links,
    reportTitle: f.report ? p.reportLabel : null,
    report: f.report,
  };
}

function dataOf(f: MessageFacts): { [key: string]: JsonValue } {
  const i = f.incident;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    event: f.kind,
    incident: i
      ? {
          id: i.id,
          kind: i.kind,
          state: i.state,
          status: i.status,
          cause: i.cause,
          carrier: i.carrier,
          area: i.area,
          powerCutSuspected: i.power_cut === 1,
          flapping: i.flapping === 1,
          startedAt: iso(i.started_at),
          recoveredAt: iso(i.recovered_at),
          resolvedAt: iso(i.resolved_at),
          acknowledgedAt: iso(i.acknowledged_at),
        }
      : null,
    sites: f.sites.map((s) => ({
      id: s.id,
      name: s.name,
      customer: s.customer,
      carrier: s.carrier,
      area: s.area,
      business: s.business === 1,
    })),
    links: { incident: f.links.incident, acknowledge: f.links.ack },
  };
}

/**
 * The message of a notification in the language asked for.
 *
 * @example
 * renderMessage({ kind: 'alert', lang: 'de', incident, sites: [site], links, … }).sms
 * // 'linewatch: Bäckerei Schmidt (Telekom) ausgefallen seit 14:05 - DSL-Synchronisation verloren. Bestätigen: http://…/ack/…'
 */
export function renderMessage(f: MessageFacts): OutgoingMessage {
  const p = alertPhrases[f.lang];
  const t = templateOf(f);
  const said = describe(f, p);
  const tail = f.links.ack && asksToAct.has(f.kind) ? `${p.ack}: ${f.links.ack}` : '';
  const body = mailBody(f, p, said, t);
  const subjectOf = t === 'area' ? p.subject.alert : p.subject[t];
  const customer = t === 'customer' || t === 'customerRecovery';
  return {
    subject: subjectOf(said),
    text: mailText(body),
    html: mailHtml(body),
    sms: smsWithTail(p.sms[t](said), tail),
    ...(customer ? {} : { data: dataOf(f) }),
  };
}

/**
 * One sentence saying what an incident is (the lead of its alert), for the
 * acknowledge page.
 *
 * @example
 * incidentSummary({ lang: 'en', timeZone, now, incident, sites: [site] })
 * // 'The line Bäckerei Schmidt (Telekom) has been down since 02/03/2026, 14:05 (12 min).'
 */
export function incidentSummary(
  f: Pick<MessageFacts, 'lang' | 'timeZone' | 'now' | 'incident' | 'sites'>,
): string {
  const facts: MessageFacts = {
    ...f,
    kind: 'alert',
    orgName: '',
    channelName: '',
    links: { incident: null, ack: null },
    report: null,
  };
  const p = alertPhrases[f.lang];
  return p.lead[templateOf(facts)](describe(facts, p));
}
