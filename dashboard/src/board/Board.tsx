import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApi, useIsAdmin } from '../app/context';
import { Notice } from '../components/Notice';
import { useNow } from '../components/useNow';
import { useI18n } from '../i18n/context';
import { describeProblem } from '../i18n/problems';
import { AddSiteDialog } from '../sites/AddSiteDialog';
import { AreaBanner } from './AreaBanner';
import { areaOutages } from './areaOutages';
import { CutOffBanner } from './CutOffBanner';
import { useLiveSites } from './liveSitesContext';
import { SiteTable } from './SiteTable';
import { SummaryBar } from './SummaryBar';
import {
  countByStatus,
  distinctValues,
  filterFromParams,
  filterSites,
  filterToParams,
  isFiltering,
  noFilter,
  type SiteFilter,
  sortSites,
} from './siteList';
import { Toolbar } from './Toolbar';

/** How often "since" and "last seen" are re-worded, in ms. */
const clockTickMs = 30_000;

/** The control room: every line, most urgent first, live. */
export function Board() {
  const { t } = useI18n();
  const api = useApi();
  const { state, reload, showSite } = useLiveSites();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const [adding, setAdding] = useState(false);
  const now = useNow(clockTickMs);
  // Typing stays responsive while a long list re-filters.
  const query = useDeferredValue(filter.query);
  const open = useQuery({ queryKey: ['incidents', 'open'], queryFn: () => api.incidents({ state: 'open' }) });

  const all = useMemo(() => [...state.sites.values()], [state.sites]);
  const sorted = useMemo(() => sortSites(all), [all]);
  const counts = useMemo(() => countByStatus(all), [all]);
  const carriers = useMemo(() => distinctValues(all, 'carrier'), [all]);
  const areas = useMemo(() => distinctValues(all, 'area'), [all]);
  const outages = useMemo(() => areaOutages(open.data ?? [], state.sites), [open.data, state.sites]);
  const onlyIds = useMemo(() => {
    const outage = open.data?.find((incident) => incident.id === filter.incident);
    return outage ? new Set(outage.siteIds) : new Set<string>();
  }, [open.data, filter.incident]);
  const visible = useMemo(
    () => filterSites(sorted, { ...filter, query }, onlyIds),
    [sorted, filter, query, onlyIds],
  );

  useEffect(() => {
    document.title = counts.down > 0 ? t('app.titleDown', { count: counts.down }) : t('board.pageTitle');
  }, [counts.down, t]);

  // For `dashboard/bench/board.ts`: when the first full list is on screen.
  const marked = useRef(false);
  useEffect(() => {
    if (marked.current || !state.loaded || state.sites.size === 0) return;
    marked.current = true;
    performance.mark('linewatch:board-rendered');
  }, [state.loaded, state.sites.size]);

  const changeFilter = (next: SiteFilter) => setParams(filterToParams(next), { replace: true });
  const isAdmin = useIsAdmin();
  const addButton = isAdmin ? (
    <button type="button" className="button primary" onClick={() => setAdding(true)}>
      <span aria-hidden="true">+ </span>
      {t('board.addSite')}
    </button>
  ) : null;

  return (
    <div className="board">
      <div className="board-head">
        <h1>{t('board.title')}</h1>
        {state.loaded && state.sites.size > 0 && addButton}
      </div>

      {state.live === 'paused' && (
        <Notice tone="warn">
          <strong>{t('live.lostTitle')}</strong> {t('board.livePaused')}
        </Notice>
      )}
      <CutOffBanner detection={state.detection} />
      {state.loaded && state.problem && (
        <Notice tone="error">
          {t('board.refreshFailed', { reason: describeProblem(state.problem, t) })}
        </Notice>
      )}

      {!state.loaded ? (
        state.problem ? (
          <Notice
            tone="error"
            action={
              <button type="button" className="button" onClick={reload}>
                {t('common.retry')}
              </button>
            }
          >
            {describeProblem(state.problem, t)}
          </Notice>
        ) : (
          <p className="loading" role="status">
            {t('board.loading')}
          </p>
        )
      ) : state.sites.size === 0 ? (
        <section className="empty card">
          <h2>{t('board.emptyTitle')}</h2>
          <p className="muted">{t('board.emptyText')}</p>
          {addButton}
        </section>
      ) : (
        <>
          {outages.map((outage) => (
            <AreaBanner
              key={outage.incident.id}
              outage={outage}
              now={now}
              selected={filter.incident === outage.incident.id}
              onShow={() => changeFilter({ ...noFilter, incident: outage.incident.id })}
            />
          ))}
          <SummaryBar
            counts={counts}
            total={state.sites.size}
            selected={filter.status}
            onSelect={(status) => changeFilter({ ...filter, status })}
          />
          <Toolbar
            filter={filter}
            counts={counts}
            carriers={carriers}
            areas={areas}
            onChange={changeFilter}
          />
          <p className="result-count muted" aria-live="polite" data-testid="result-count">
            {isFiltering({ ...filter, query })
              ? t('board.matches', { count: visible.length, total: state.sites.size })
              : ''}
          </p>
          {visible.length === 0 ? (
            <section className="empty card">
              <p>{t('board.noMatches')}</p>
              <button type="button" className="button" onClick={() => changeFilter(noFilter)}>
                {t('board.clearFilters')}
              </button>
            </section>
          ) : (
            <SiteTable sites={visible} now={now} />
          )}
        </>
      )}

      {adding && <AddSiteDialog api={api} onCreated={showSite} onClose={() => setAdding(false)} />}
    </div>
  );
}
