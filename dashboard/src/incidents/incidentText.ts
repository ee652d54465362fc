import type { Incident, IncidentEvent, Language } from '@linewatch/shared';
import type { MessageKey } from '../i18n/dictionary';
import type { MessageParams } from '../i18n/translate';
import { causeInfo, statusInfo } from '../sites/catalogue';

/** Dictionary keys of the incident states (a missing one is a compile error). */
export const stateKeys: Record<Incident['state'], MessageKey> = {
  open: 'incident.state.open',
  acknowledged: 'incident.state.acknowledged',
  reported: 'incident.state.reported',
  resolved: 'incident.state.resolved',
};

/** Dictionary keys of the timeline entries. */
export const eventKeys: Record<IncidentEvent['kind'], MessageKey> = {
  opened: 'event.opened',
  status_changed: 'event.status_changed',
  cause_corrected: 'event.cause_corrected',
  recovered: 'event.recovered',
  relapsed: 'event.relapsed',
  flapping: 'event.flapping',
  site_joined: 'event.site_joined',
  site_left: 'event.site_left',
  acknowledged: 'event.acknowledged',
  reported: 'event.reported',
  note: 'event.note',
  resolved: 'event.resolved',
  reopened: 'event.reopened',
};

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
/** The looked-up name, or the recorded one when the lookup only echoed the id back. */
const siteNameOr = (found: string, id: string, recorded: string): string =>
  found === id && recorded ? recorded : found;

/**
 * The words of one timeline entry: a dictionary key and its parameters,
 * taken leniently from the entry's free-form `data` (`{from, to, cause}`,
 * `{text}`, `{carrier, number}`, `{siteId}` …); missing fields read as empty.
 *
 * @example eventText({ kind: 'status_changed', data: { from: 'up', to: 'down' }, … }, 'en')
 * // { key: 'event.status_changed', params: { from: 'Up', to: 'Down', cause: '' } }
 */
export function eventText(
  event: Pick<IncidentEvent, 'kind' | 'data'>,
  lang: Language,
  siteName: (id: string) => string = (id) => id,
): { key: MessageKey; params: MessageParams } {
  const data = event.data;
  if (event.kind === 'cause_corrected') {
    // `{from, to}` are causes here, not statuses: "agent silent → line sync lost".
    const label = (v: unknown) => causeInfo(str(v) || null)?.label[lang] ?? '';
    return { key: eventKeys[event.kind], params: { from: label(data.from), cause: label(data.to) } };
  }
  // An area incident's own entries count its lines instead of naming one.
  const lines = typeof data.sites === 'number' ? data.sites : null;
  if (lines !== null && (event.kind === 'opened' || event.kind === 'recovered'))
    return {
      key: event.kind === 'opened' ? 'event.openedArea' : 'event.recoveredArea',
      params: { count: lines },
    };
  const cause = causeInfo(str(data.cause) || null);
  return {
    key: eventKeys[event.kind],
    params: {
      from: data.from ? statusInfo(str(data.from)).label[lang] : '',
      to: data.to ? statusInfo(str(data.to)).label[lang] : '',
      cause: cause ? cause.label[lang] : '',
      text: str(data.text) || str(data.note),
      carrier: str(data.carrier),
      number: str(data.number),
      // A deleted line is no longer known by id: its name was recorded with the entry.
      site: data.siteId ? siteNameOr(siteName(str(data.siteId)), str(data.siteId), str(data.name)) : '',
    },
  };
}

/**
 * How long an incident lasted (or has lasted so far), in ms.
 *
 * @example incidentDurationMs({ startedAt: '2025-01-01T10:00:00Z', recoveredAt: '2025-01-01T10:30:00Z', resolvedAt: null }, 0) // 1_800_000
 */
export function incidentDurationMs(
  incident: Pick<Incident, 'startedAt' | 'recoveredAt' | 'resolvedAt'>,
  nowMs: number,
): number {
  const end = incident.recoveredAt ?? incident.resolvedAt;
  return Math.max(0, (end ? Date.parse(end) : nowMs) - Date.parse(incident.startedAt));
}

/**
 * Euro amount of cents in the user's locale.
 *
 * @example euros(1250, 'de') // '12,50 €'
 */
export function euros(cents: number, locale: string): string {
  return (cents / 100).toLocaleString(locale, { style: 'currency', currency: 'EUR' });
}

/** What an incident's badge says: its status while the line is down, "back" once recovered or closed. */
export function incidentBadge(incident: Pick<Incident, 'status' | 'recoveredAt' | 'resolvedAt'>): {
  status: string;
  label: MessageKey | null;
} {
  if (incident.resolvedAt !== null) return { status: 'up', label: 'incident.badge.resolved' };
  if (incident.recoveredAt !== null) return { status: 'up', label: 'incident.badge.recovered' };
  return { status: incident.status, label: null };
}

/**
 * The incidents to list: a line that is part of a listed area outage is
 * shown inside the area incident, not as a row of its own.
 *
 * @example topLevel([area, childOfArea, lone]) // [area, lone]
 */
export function topLevel(incidents: readonly Incident[]): Incident[] {
  const listed = new Set(incidents.map((i) => i.id));
  return incidents.filter((i) => i.parentId === null || !listed.has(i.parentId));
}
