import type { Language } from '@linewatch/shared';

/**
 * The words of alert messages, German and English. The templates
 * (`templates.ts`) put them together; nothing here knows about incidents.
 */

/** What a message is about, already worded: `Bäckerei Schmidt (Telekom)` or `Gebietsstörung Telekom 101`. */
export interface Said {
  title: string;
  /** `ausgefallen` / `down`. */
  state: string;
  /** `14:05`, or with the date when not today. */
  since: string;
  /** `03.03.2026, 14:05 Uhr`. */
  sinceFull: string;
  /** `12 Min.` since the start (until the line came back, when it has). */
  duration: string;
  /** When the line came back, or null. */
  back: string | null;
  cause: string | null;
  count: number;
  org: string;
  channel: string;
}

export interface Phrases {
  down: string;
  degraded: string;
  areaTitle(carrier: string, area: string): string;
  powerTitle(area: string): string;
  duration(days: number, hours: number, minutes: number): string;
  ack: string;
  openIncident: string;
  ackLong: string;
  causeLabel: string;
  actionLabel: string;
  sitesLabel: string;
  reportLabel: string;
  sms: {
    alert(s: Said): string;
    area(s: Said): string;
    reminder(s: Said): string;
    escalation(s: Said): string;
    update(s: Said): string;
    recovery(s: Said): string;
    customer(s: Said): string;
    customerRecovery(s: Said): string;
    test(s: Said): string;
  };
  subject: {
    alert(s: Said): string;
    reminder(s: Said): string;
    escalation(s: Said): string;
    update(s: Said): string;
    recovery(s: Said): string;
    customer(s: Said): string;
    customerRecovery(s: Said): string;
    test(s: Said): string;
  };
  lead: {
    alert(s: Said): string;
    area(s: Said): string;
    reminder(s: Said): string;
    escalation(s: Said): string;
    update(s: Said): string;
    recovery(s: Said): string;
    customer(s: Said): string;
    customerRecovery(s: Said): string;
    test(s: Said): string;
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const cause = (s: Said) => (s.cause ? ` - ${s.cause}` : '');

const de: Phrases = {
  down: 'ausgefallen',
  degraded: 'beeinträchtigt',
  areaTitle: (carrier, area) => `Gebietsstörung ${carrier} ${area}`,
  powerTitle: (area) => `Stromausfall vermutet, Gebiet ${area}`,
  duration: (d, h, m) => (d > 0 ? `${d} Tg. ${h} Std.` : h > 0 ? `${h} Std. ${m} Min.` : `${m} Min.`),
  ack: 'Bestätigen',
  ackLong: 'Bestätigen (ohne Anmeldung)',
  openIncident: 'Vorfall ansehen',
  causeLabel: 'Ursache',
  actionLabel: 'Empfehlung',
  sitesLabel: 'Betroffene Anschlüsse',
  reportLabel: 'Störungsmeldung für die Hotline',
  sms: {
    alert: (s) => `linewatch: ${s.title} ${s.state} seit ${s.since}${cause(s)}.`,
    area: (s) => `linewatch: ${s.title}: ${s.count} Anschlüsse ${s.state} seit ${s.since}${cause(s)}.`,
    reminder: (s) => `linewatch: Erinnerung - ${s.title} weiter ${s.state} seit ${s.since} (${s.duration}).`,
    escalation: (s) => `linewatch: Eskalation - ${s.title} ${s.state} seit ${s.since}, nicht bestätigt.`,
    update: (s) => `linewatch: ${s.title}: jetzt ${s.count} Anschlüsse ${s.state}.`,
    recovery: (s) =>
      `linewatch: ${s.title} wieder in Ordnung seit ${s.back ?? s.since} (Ausfall ${s.duration}).`,
    customer: (s) => `${s.org}: Wir haben die Störung Ihres Anschlusses bemerkt und kümmern uns darum.`,
    customerRecovery: (s) =>
      `${s.org}: Die Störung Ihres Anschlusses ist behoben. Vielen Dank für Ihre Geduld.`,
    test: (s) => `linewatch: Testnachricht über "${s.channel}". Wenn Sie das lesen, funktioniert der Kanal.`,
  },
  subject: {
    alert: (s) => `[linewatch] ${cap(s.state)}: ${s.title}${cause(s)}`,
    reminder: (s) => `[linewatch] Erinnerung: ${s.title} weiter ${s.state} (${s.duration})`,
    escalation: (s) => `[linewatch] Eskalation: ${s.title} ${s.state} seit ${s.since}, nicht bestätigt`,
    update: (s) => `[linewatch] ${s.title}: jetzt ${s.count} Anschlüsse ${s.state}`,
    recovery: (s) => `[linewatch] Wieder in Ordnung: ${s.title}`,
    customer: () => 'Störung Ihres Anschlusses: wir kümmern uns',
    customerRecovery: () => 'Ihr Anschluss funktioniert wieder',
    test: (s) => `[linewatch] Testnachricht über "${s.channel}"`,
  },
  lead: {
    alert: (s) => `Der Anschluss ${s.title} ist seit ${s.sinceFull} ${s.state} (${s.duration}).`,
    area: (s) => `${s.title}: ${s.count} Anschlüsse sind seit ${s.sinceFull} ${s.state} (${s.duration}).`,
    reminder: (s) => `Erinnerung: ${s.title} ist weiter ${s.state}, seit ${s.sinceFull} (${s.duration}).`,
    escalation: (s) =>
      `Eskalation: ${s.title} ist seit ${s.sinceFull} ${s.state}, und niemand hat die Meldung bestätigt.`,
    update: (s) => `${s.title} ist gewachsen: jetzt ${s.count} Anschlüsse ${s.state}, seit ${s.sinceFull}.`,
    recovery: (s) =>
      `${s.title} ist wieder in Ordnung, seit ${s.back ?? s.sinceFull}. Der Ausfall dauerte ${s.duration}.`,
    customer: (s) =>
      `Guten Tag,\n\nwir haben bemerkt, dass Ihr Anschluss gestört ist, und kümmern uns bereits darum. Sie müssen nichts tun; wir melden uns, sobald er wieder funktioniert.\n\nIhr Team von ${s.org}`,
    customerRecovery: (s) =>
      `Guten Tag,\n\ndie Störung Ihres Anschlusses ist behoben. Vielen Dank für Ihre Geduld.\n\nIhr Team von ${s.org}`,
    test: (s) =>
      `Dies ist eine Testnachricht über den Kanal "${s.channel}". Wenn Sie sie lesen, funktioniert er.`,
  },
};

const en: Phrases = {
  down: 'down',
  degraded: 'degraded',
  areaTitle: (carrier, area) => `Area outage ${carrier} ${area}`,
  powerTitle: (area) => `Suspected power cut, area ${area}`,
  duration: (d, h, m) => (d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`),
  ack: 'Acknowledge',
  ackLong: 'Acknowledge (no login needed)',
  openIncident: 'Open the incident',
  causeLabel: 'Cause',
  actionLabel: 'Recommended action',
  sitesLabel: 'Affected lines',
  reportLabel: 'Report for the carrier hotline',
  sms: {
    alert: (s) => `linewatch: ${s.title} ${s.state} since ${s.since}${cause(s)}.`,
    area: (s) => `linewatch: ${s.title}: ${s.count} lines ${s.state} since ${s.since}${cause(s)}.`,
    reminder: (s) => `linewatch: Reminder - ${s.title} still ${s.state} since ${s.since} (${s.duration}).`,
    escalation: (s) => `linewatch: Escalation - ${s.title} ${s.state} since ${s.since}, not acknowledged.`,
    update: (s) => `linewatch: ${s.title}: now ${s.count} lines ${s.state}.`,
    recovery: (s) => `linewatch: ${s.title} back up since ${s.back ?? s.since} (outage ${s.duration}).`,
    customer: (s) => `${s.org}: We have noticed the fault on your line and are on it.`,
    customerRecovery: (s) => `${s.org}: The fault on your line is fixed. Thank you for your patience.`,
    test: (s) => `linewatch: test message via "${s.channel}". If you read this, the channel works.`,
  },
  subject: {
    alert: (s) => `[linewatch] ${cap(s.state)}: ${s.title}${cause(s)}`,
    reminder: (s) => `[linewatch] Reminder: ${s.title} still ${s.state} (${s.duration})`,
    escalation: (s) => `[linewatch] Escalation: ${s.title} ${s.state} since ${s.since}, not acknowledged`,
    update: (s) => `[linewatch] ${s.title}: now ${s.count} lines ${s.state}`,
    recovery: (s) => `[linewatch] Back up: ${s.title}`,
    customer: () => 'The fault on your line: we are on it',
    customerRecovery: () => 'Your line works again',
    test: (s) => `[linewatch] Test message via "${s.channel}"`,
  },
  lead: {
    alert: (s) => `The line ${s.title} has been ${s.state} since ${s.sinceFull} (${s.duration}).`,
    area: (s) => `${s.title}: ${s.count} lines have been ${s.state} since ${s.sinceFull} (${s.duration}).`,
    reminder: (s) => `Reminder: ${s.title} is still ${s.state}, since ${s.sinceFull} (${s.duration}).`,
    escalation: (s) =>
      `Escalation: ${s.title} has been ${s.state} since ${s.sinceFull}, and nobody acknowledged it.`,
    update: (s) => `${s.title} has grown: now ${s.count} lines ${s.state}, since ${s.sinceFull}.`,
    recovery: (s) => `${s.title} is back up since ${s.back ?? s.sinceFull}. The outage lasted ${s.duration}.`,
    customer: (s) =>
      `Hello,\n\nwe have noticed the fault on your line and are already on it. There is nothing you need to do; we will let you know when it works again.\n\nYour team at ${s.org}`,
    customerRecovery: (s) =>
      `Hello,\n\nthe fault on your line is fixed. Thank you for your patience.\n\nYour team at ${s.org}`,
    test: (s) => `This is a test message via the channel "${s.channel}". If you read it, the channel works.`,
  },
};

export const alertPhrases: Record<Language, Phrases> = { de, en };
