import type { MaintenanceWindowCreate } from '@linewatch/shared';
import type { MessageKey } from '../i18n/dictionary';
import { zonedToIso } from './zonedTime';

export type MaintenanceScope = MaintenanceWindowCreate['scope'];

export interface MaintenanceFormValues {
  scope: MaintenanceScope;
  /** A site id, a carrier name or an area. */
  value: string;
  /** datetime-local values in the shop's time zone. */
  startsAt: string;
  endsAt: string;
  reason: string;
}

export type MaintenanceField = 'value' | 'startsAt' | 'endsAt';

export type MaintenanceFormResult =
  | { ok: true; body: MaintenanceWindowCreate }
  | { ok: false; problems: Partial<Record<MaintenanceField, MessageKey>> };

/**
 * @example validateMaintenance({ scope: 'carrier', value: 'Telekom', startsAt: '2025-06-15T22:00', endsAt: '2025-06-16T02:00', reason: '' }, 'Europe/Berlin')
 * // { ok: true, body: { scope: 'carrier', value: 'Telekom', startsAt: '2025-06-15T20:00:00.000Z', endsAt: '2025-06-16T00:00:00.000Z' } }
 */
export function validateMaintenance(values: MaintenanceFormValues, timeZone: string): MaintenanceFormResult {
  const problems: Partial<Record<MaintenanceField, MessageKey>> = {};
  const startsAt = zonedToIso(values.startsAt, timeZone);
  const endsAt = zonedToIso(values.endsAt, timeZone);
  if (values.value.trim() === '') problems.value = 'form.required';
  if (startsAt === null) problems.startsAt = 'form.required';
  if (endsAt === null) problems.endsAt = 'form.required';
  else if (startsAt !== null && Date.parse(endsAt) <= Date.parse(startsAt))
    problems.endsAt = 'maintenance.endBeforeStart';
  if (Object.keys(problems).length > 0 || startsAt === null || endsAt === null)
    return { ok: false, problems };
  const reason = values.reason.trim();
  return {
    ok: true,
    body: {
      scope: values.scope,
      value: values.value.trim(),
      startsAt,
      endsAt,
      ...(reason ? { reason } : {}),
    },
  };
}
