import {
  type AccessType,
  type CauseInfo,
  causeCatalogue,
  type SiteStatus,
  type StatusInfo,
  siteStatuses,
  statusCatalogue,
} from '@linewatch/shared';
import type { MessageKey } from '../i18n/dictionary';

/**
 * Lookups into the shared status/cause catalogue that tolerate values this
 * build does not know yet (a newer server may add a status or cause before
 * the dashboard is updated): an unknown status is shown as `unknown`.
 */
export function knownStatus(status: string): SiteStatus {
  return (siteStatuses as readonly string[]).includes(status) ? (status as SiteStatus) : 'unknown';
}

/** @example statusInfo('down').icon // '✖' */
export function statusInfo(status: string): StatusInfo {
  return statusCatalogue[knownStatus(status)];
}

/** The catalogue entry of a cause, or null for no cause or one this build does not know. */
export function causeInfo(cause: string | null): CauseInfo | null {
  if (cause === null || !Object.hasOwn(causeCatalogue, cause)) return null;
  return causeCatalogue[cause as keyof typeof causeCatalogue];
}

/** Statuses in board order: down first. */
export const statusesByRank: readonly SiteStatus[] = [...siteStatuses].sort(
  (a, b) => statusCatalogue[a].rank - statusCatalogue[b].rank,
);

/** Dictionary keys of the access types (a missing one is a compile error). */
export const accessTypeKeys: Record<AccessType, MessageKey> = {
  dsl: 'accessType.dsl',
  cable: 'accessType.cable',
  fibre: 'accessType.fibre',
  lte: 'accessType.lte',
  other: 'accessType.other',
};

/** The label key of an access type, tolerating ones this build does not know. */
export function accessTypeKey(accessType: string): MessageKey {
  return Object.hasOwn(accessTypeKeys, accessType)
    ? accessTypeKeys[accessType as AccessType]
    : accessTypeKeys.other;
}
