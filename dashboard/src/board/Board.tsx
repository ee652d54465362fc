import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { Notice } from '../components/Notice';
import { useNow } from '../components/useNow';
import { useI18n } from '../i18n/context';
import { describeProblem } from '../i18n/problems';
import { AddSiteDialog } from '../sites/AddSiteDialog';
import { SiteTable } from './SiteTable';
import { SummaryBar } from './SummaryBar';
import { countByStatus, filterSites, isFiltering, noFilter, type SiteFilter, sortSites } from './siteList';
import { Toolbar } from './Toolbar';
import { useBoard } from './useBoard';

/** Rows rendered at first (and added per "Show more"): keeps a 5,000-line shop responsive. */
const pageSize = 200;
/** How often "since" and "last seen" are re-worded, in ms. */
const clockTickMs = 30_000;

/** The control room: every line, most urgent first, live. */
export function Board({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const { state, reload, showSite } = useBoard(api);
  const [filter, setFilter] = useState<SiteFilter>(noFilter);
  const [limit, setLimit] = useState(pageSize);
  const [adding, setAdding] = useState(false);
  const now = useNow(clockTickMs);
  // Typing stays responsive while a long list re-filters.
  const query = useDeferredValue(filter.query);

  const sorted = useMemo(() => sortSites(state.sites.values()), [state.sites]);
  const counts = useMemo(() => countByStatus(state.sites.values()), [state.sites]);
  const visible = useMemo(
    () => filterSites(sorted, { query, status: filter.status }),
    [sorted, query, filter.status],
  );

  useEffect(() => {
    document.title = counts.down > 0 ? t('app.titleDown', { count: counts.down }) : 'linewatch';
  }, [counts.down, t]);
  useEffect(
    () => () => {
      document.title = 'linewatch';
    },
    [],
  );

  const changeFilter = (next: SiteFilter) => {
    setFilter(next);
    setLimit(pageSize);
  };
  const addButton = (
    <button type="button" className="button primary" onClick={() => setAdding(true)}>
      <span aria-hidden="true">+ </span>
      {t('board.addSite')}
    </button>
  );

  return (
    <div className="board">
      <div className="board-head">
        <h1>{t('board.title')}</h1>
        {state.loaded && state.sites.size > 0 && addButton}
      </div>

      {state.live === 'paused' && <Notice tone="warn">{t('board.livePaused')}</Notice>}
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
          <SummaryBar
            counts={counts}
            total={state.sites.size}
            selected={filter.status}
            onSelect={(status) => changeFilter({ ...filter, status })}
          />
          <Toolbar filter={filter} counts={counts} onChange={changeFilter} />
          <p className="result-count muted" aria-live="polite">
            {isFiltering({ query, status: filter.status })
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
            <SiteTable sites={visible.slice(0, limit)} now={now} />
          )}
          {visible.length > limit && (
            <div className="more">
              <span className="muted">{t('board.showing', { shown: limit, total: visible.length })}</span>
              <button type="button" className="button" onClick={() => setLimit((n) => n + pageSize)}>
                {t('board.showMore')}
              </button>
            </div>
          )}
        </>
      )}

      {adding && <AddSiteDialog api={api} onCreated={showSite} onClose={() => setAdding(false)} />}
    </div>
  );
}
