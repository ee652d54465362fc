import type { Incident } from '@linewatch/shared';
import { Link } from 'react-router';
import { QueryProblem } from '../components/QueryProblem';
import { StatusBadge } from '../components/StatusBadge';
import { useI18n } from '../i18n/context';
import { formatDuration } from '../i18n/time';
import { incidentDurationMs, stateKeys } from '../incidents/incidentText';
import { causeInfo } from './catalogue';

/** The line's incidents, newest first. */
export function SiteIncidents({
  incidents,
  error,
}: {
  incidents: readonly Incident[] | undefined;
  error: unknown;
}) {
  const { t, lang, shortDateTime } = useI18n();
  return (
    <section className="card panel" aria-labelledby="site-incidents">
      <h2 id="site-incidents">{t('nav.incidents')}</h2>
      {error ? <QueryProblem error={error} /> : null}
      {incidents && incidents.length === 0 && <p className="muted">{t('site.noIncidents')}</p>}
      {incidents && incidents.length > 0 && (
        <ul className="plain-list incident-list">
          {incidents.map((incident) => (
            <li key={incident.id}>
              <StatusBadge status={incident.status} />{' '}
              <Link to={`/incidents/${incident.id}`}>
                {causeInfo(incident.cause)?.label[lang] ?? t('incident.noCause')} ·{' '}
                {shortDateTime(incident.startedAt)}
              </Link>{' '}
              <span className="muted small">
                {formatDuration(incidentDurationMs(incident, Date.now()))} · {t(stateKeys[incident.state])}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
