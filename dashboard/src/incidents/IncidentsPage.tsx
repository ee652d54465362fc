import type { Incident } from '@linewatch/shared';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../app/context';
import { useSiteNames } from '../board/useSiteNames';
import { QueryProblem } from '../components/QueryProblem';
import { useNow } from '../components/useNow';
import { usePageTitle } from '../components/usePageTitle';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/dictionary';
import { formatDuration } from '../i18n/time';
import { causeInfo } from '../sites/catalogue';
import { IncidentBadge } from './IncidentBadge';
import { incidentDurationMs, stateKeys, topLevel } from './incidentText';

const views = ['open', 'closed', 'all'] as const;
type View = (typeof views)[number];
const viewKeys: Record<View, MessageKey> = {
  open: 'incidents.open',
  closed: 'incidents.closed',
  all: 'incidents.all',
};

/** Incidents, open first by default; a tab per open/closed/all (kept in the URL). */
export function IncidentsPage() {
  const { t } = useI18n();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const view: View = views.find((v) => v === params.get('state')) ?? 'open';
  usePageTitle(t('incidents.title'));
  const incidents = useQuery({
    queryKey: ['incidents', view],
    queryFn: () => api.incidents({ state: view, limit: 500 }),
  });

  return (
    <div className="page">
      <h1>{t('incidents.title')}</h1>
      <nav className="tabs" aria-label={t('incidents.views')}>
        {views.map((v) => (
          <button
            key={v}
            type="button"
            className="tab"
            aria-pressed={v === view}
            onClick={() => setParams(v === 'open' ? {} : { state: v }, { replace: true })}
          >
            {t(viewKeys[v])}
          </button>
        ))}
      </nav>
      {incidents.isPending ? (
        <p className="loading" role="status">
          {t('app.loading')}
        </p>
      ) : incidents.isError ? (
        <QueryProblem error={incidents.error} onRetry={() => void incidents.refetch()} />
      ) : incidents.data.length === 0 ? (
        <section className="empty card">
          <h2>{t(view === 'open' ? 'incidents.noneOpenTitle' : 'incidents.noneTitle')}</h2>
          <p className="muted">{t('incidents.noneText')}</p>
        </section>
      ) : (
        <IncidentTable incidents={topLevel(incidents.data)} />
      )}
    </div>
  );
}

function IncidentTable({ incidents }: { incidents: readonly Incident[] }) {
  const { t, lang, shortDateTime } = useI18n();
  const siteName = useSiteNames();
  const now = useNow(30_000);
  return (
    <table className="data-table incidents-table">
      <caption className="visually-hidden">{t('incidents.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.status')}</th>
          <th scope="col">{t('incidents.what')}</th>
          <th scope="col">{t('col.cause')}</th>
          <th scope="col">{t('incidents.started')}</th>
          <th scope="col">{t('incidents.duration')}</th>
          <th scope="col">{t('incidents.state')}</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => {
          const cause = causeInfo(incident.cause);
          const what =
            incident.kind === 'area'
              ? t('incidents.areaWhat', {
                  count: incident.siteIds.length,
                  place: [incident.carrier, incident.area].filter(Boolean).join(', '),
                })
              : siteName(incident.siteIds[0] ?? '');
          return (
            <tr key={incident.id}>
              <td data-label={t('col.status')}>
                <IncidentBadge incident={incident} />
              </td>
              <td data-label={t('incidents.what')}>
                <Link to={`/incidents/${incident.id}`}>{what}</Link>
                {incident.maintenance && <span className="tag">{t('incident.maintenance')}</span>}
              </td>
              <td data-label={t('col.cause')}>{cause ? cause.label[lang] : '—'}</td>
              <td data-label={t('incidents.started')}>
                <time dateTime={incident.startedAt}>{shortDateTime(incident.startedAt)}</time>
              </td>
              <td data-label={t('incidents.duration')}>
                {formatDuration(incidentDurationMs(incident, now))}
              </td>
              <td data-label={t('incidents.state')}>
                {t(stateKeys[incident.state])}
                {incident.ticket && <span className="muted small"> · {incident.ticket.number}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
