import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../app/context';
import { useSiteNames } from '../board/useSiteNames';
import { QueryProblem } from '../components/QueryProblem';
import { useNow } from '../components/useNow';
import { usePageTitle } from '../components/usePageTitle';
import { useI18n } from '../i18n/context';
import { formatDuration } from '../i18n/time';
import { causeInfo } from '../sites/catalogue';
import { HotlineReportPanel } from './HotlineReportPanel';
import { IncidentActions } from './IncidentActions';
import { IncidentBadge } from './IncidentBadge';
import { incidentDurationMs, stateKeys } from './incidentText';
import { RepairClock } from './RepairClock';
import { Timeline } from './Timeline';

/** One incident: what happened, what to do, who did what, the repair clock and the hotline report. */
export function IncidentPage() {
  const { incidentId = '' } = useParams();
  const api = useApi();
  const { t, lang, dateTime } = useI18n();
  const siteName = useSiteNames();
  const now = useNow(30_000);
  const [reportOpen, setReportOpen] = useState(false);
  const detail = useQuery({ queryKey: ['incident', incidentId], queryFn: () => api.incident(incidentId) });
  const incident = detail.data;
  const title = incident
    ? incident.kind === 'area'
      ? t('incident.areaTitle', { place: [incident.carrier, incident.area].filter(Boolean).join(', ') })
      : siteName(incident.siteIds[0] ?? '')
    : t('incident.title');
  usePageTitle(title);

  if (detail.isPending)
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  if (detail.isError || !incident)
    return (
      <div className="page">
        <p>
          <Link to="/incidents">← {t('incident.back')}</Link>
        </p>
        <QueryProblem error={detail.error} onRetry={() => void detail.refetch()} />
      </div>
    );

  const cause = causeInfo(incident.cause);
  return (
    <div className={`page incident-page${reportOpen ? ' with-report' : ''}`}>
      <p className="no-print">
        <Link to="/incidents">← {t('incident.back')}</Link>
      </p>
      <div className="page-head">
        <div>
          <p className="eyebrow">{t(incident.kind === 'area' ? 'incident.kindArea' : 'incident.kindSite')}</p>
          <h1>{title}</h1>
        </div>
        <IncidentBadge incident={incident} />
      </div>

      <section className="card panel diagnosis" aria-labelledby="incident-cause">
        <h2 id="incident-cause">{cause ? cause.label[lang] : t('incident.noCause')}</h2>
        {cause && <p>{cause.meaning[lang]}</p>}
        {cause && (
          <p className="action-line">
            <strong>{t('site.action')}</strong> {cause.action[lang]}
          </p>
        )}
        {incident.powerCutSuspected && <p className="warn-text">⚠ {t('incident.powerCut')}</p>}
        {incident.flapping && <p className="warn-text">⚠ {t('incident.flapping')}</p>}
        {incident.maintenance && <p className="muted">⚙ {t('incident.inMaintenance')}</p>}
      </section>

      <div className="columns">
        <section className="card panel" aria-labelledby="incident-facts">
          <h2 id="incident-facts">{t('incident.facts')}</h2>
          <dl className="facts">
            <dt>{t('incidents.state')}</dt>
            <dd data-testid="incident-state">{t(stateKeys[incident.state])}</dd>
            <dt>{t('incidents.started')}</dt>
            <dd>{dateTime(incident.startedAt)}</dd>
            <dt>{t('incidents.duration')}</dt>
            <dd>{formatDuration(incidentDurationMs(incident, now))}</dd>
            {incident.recoveredAt && (
              <>
                <dt>{t('incident.recovered')}</dt>
                <dd>{dateTime(incident.recoveredAt)}</dd>
              </>
            )}
            {incident.acknowledgedAt && (
              <>
                <dt>{t('incident.acknowledged')}</dt>
                <dd>
                  {dateTime(incident.acknowledgedAt)} · {incident.acknowledgedBy}
                </dd>
              </>
            )}
            {incident.ticket && (
              <>
                <dt>{t('incident.ticket')}</dt>
                <dd data-testid="incident-ticket">
                  {incident.ticket.carrier} · {incident.ticket.number} ({dateTime(incident.ticket.reportedAt)}
                  )
                </dd>
              </>
            )}
            {incident.resolvedAt && (
              <>
                <dt>{t('incident.resolved')}</dt>
                <dd>
                  {dateTime(incident.resolvedAt)} · {incident.resolvedBy}
                </dd>
              </>
            )}
          </dl>
          <h3>{t(incident.kind === 'area' ? 'incident.sites' : 'incident.site')}</h3>
          <ul className="plain-list">
            {incident.siteIds.map((id) => (
              <li key={id}>
                <Link to={`/sites/${id}`}>{siteName(id)}</Link>
              </li>
            ))}
          </ul>
        </section>
        <IncidentActions incident={incident} onReport={() => setReportOpen(true)} />
      </div>

      {incident.repairClock && <RepairClock clock={incident.repairClock} />}
      {reportOpen && <HotlineReportPanel incidentId={incident.id} onClose={() => setReportOpen(false)} />}
      <Timeline events={incident.timeline} />
    </div>
  );
}
