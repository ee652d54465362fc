import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApi } from '../app/context';
import { useLiveSites } from '../board/liveSitesContext';
import { QueryProblem } from '../components/QueryProblem';
import { StatusBadge } from '../components/StatusBadge';
import { useNow } from '../components/useNow';
import { usePageTitle } from '../components/usePageTitle';
import { useI18n } from '../i18n/context';
import { AgentFacts } from './AgentFacts';
import { CheckNow } from './CheckNow';
import { ContractFacts } from './ContractFacts';
import { CustomerNotice } from './CustomerNotice';
import { causeInfo } from './catalogue';
import { SiteCharts } from './charts/SiteCharts';
import { LineFiguresPanel } from './LineFiguresPanel';
import { SiteAdminActions } from './SiteAdminActions';
import { SiteIncidents } from './SiteIncidents';
import { SiteMaintenance } from './SiteMaintenance';

/**
 * One customer line: contract, what is wrong and what to do, "check now",
 * the charts with outages as bands, the box's facts, maintenance windows
 * and the line's incidents. Loaded on first visit (it carries recharts).
 */
export default function SitePage() {
  const { siteId = '' } = useParams();
  const api = useApi();
  const { t, lang, relative, dateTime } = useI18n();
  const { state } = useLiveSites();
  const now = useNow(30_000);
  const live = state.sites.get(siteId);
  const fetched = useQuery({
    queryKey: ['site', siteId],
    queryFn: () => api.getSite(siteId),
    enabled: live === undefined,
  });
  const site = live ?? fetched.data;
  const latest = useQuery({
    queryKey: ['site', siteId, 'latest'],
    queryFn: () => api.latest(siteId),
    // Asked only once the box has reported: before that the answer is a 404.
    enabled: site?.lastSeenAt != null,
    retry: false,
    refetchInterval: 30_000,
  });
  const incidents = useQuery({
    queryKey: ['incidents', 'all', siteId],
    queryFn: () => api.incidents({ state: 'all', siteId, limit: 500 }),
  });
  usePageTitle(site ? `${site.customer} – ${site.name}` : t('site.title'));

  if (!site) {
    return (
      <div className="page">
        <p>
          <Link to="/">← {t('site.back')}</Link>
        </p>
        {fetched.isError ? (
          <QueryProblem error={fetched.error} onRetry={() => void fetched.refetch()} />
        ) : (
          <p className="loading" role="status">
            {t('app.loading')}
          </p>
        )}
      </div>
    );
  }

  const cause = causeInfo(site.cause);
  const evidence = latest.data?.measurement.diagnosis.evidence ?? [];
  return (
    <div className="page site-page">
      <p>
        <Link to="/">← {t('site.back')}</Link>
      </p>
      <div className="page-head">
        <div>
          <p className="eyebrow">{site.customer}</p>
          <h1>{site.name}</h1>
          <p className="muted">{site.address}</p>
          <SiteAdminActions site={site} />
        </div>
        <div className="head-status">
          <StatusBadge status={site.status} />
          <span className="muted small">
            {t('site.since')}{' '}
            <time dateTime={site.since} title={dateTime(site.since)}>
              {relative(site.since, now)}
            </time>
          </span>
        </div>
      </div>

      <section className="card panel diagnosis" aria-labelledby="site-diagnosis">
        <h2 id="site-diagnosis">
          {cause ? cause.label[lang] : t(site.agentId ? 'site.allGood' : 'site.awaitingBox')}
        </h2>
        {cause && <p>{cause.meaning[lang]}</p>}
        {cause && (
          <p className="action-line">
            <strong>{t('site.action')}</strong> {cause.action[lang]}
          </p>
        )}
        {evidence.length > 0 && (
          <details>
            <summary>{t('site.evidence')}</summary>
            <ul className="evidence">
              {evidence.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </details>
        )}
        <CheckNow site={site} />
      </section>

      <div className="columns">
        <ContractFacts site={site} />
        <LineFiguresPanel site={site} latest={latest.data ?? null} />
      </div>
      <SiteCharts
        siteId={site.id}
        incidents={incidents.data ?? []}
        contract={site.contract}
        accessType={site.accessType}
      />
      <div className="columns">
        <AgentFacts site={site} latest={latest.data ?? null} now={now} />
        <SiteMaintenance site={site} />
      </div>
      <CustomerNotice site={site} />
      <SiteIncidents incidents={incidents.data} error={incidents.error} />
    </div>
  );
}
