import type { Incident } from '@linewatch/shared';
import { StatusBadge } from '../components/StatusBadge';
import { useI18n } from '../i18n/context';
import { incidentBadge } from './incidentText';

/** An incident's status badge: down or degraded while it lasts, "back up" once the line recovered. */
export function IncidentBadge({
  incident,
}: {
  incident: Pick<Incident, 'status' | 'recoveredAt' | 'resolvedAt'>;
}) {
  const { t } = useI18n();
  const badge = incidentBadge(incident);
  return <StatusBadge status={badge.status} label={badge.label ? t(badge.label) : undefined} />;
}
