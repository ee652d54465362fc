import type { Site } from '@linewatch/shared';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { StatusBadge, statusColour } from '../components/StatusBadge';
import { useI18n } from '../i18n/context';
import { accessTypeKey, causeInfo, statusInfo } from '../sites/catalogue';

interface SiteTableProps {
  sites: readonly Site[];
  /** The time "since" and "last seen" are relative to (refreshed every 30 s). */
  now: number;
}

/** Row height guesses before measuring, in px: a table row, or a card on a phone. */
const estimateRowPx = 76;
const estimateCardPx = 210;
/** Rows rendered beyond the visible ones, so fast scrolling shows no blank. */
const overscanRows = 12;

/**
 * The lines as a table, virtualised against the window: only the rows in
 * view are in the DOM, so 5,000 lines scroll and filter smoothly. Spacer
 * rows keep the scrollbar true; `aria-rowcount`/`aria-rowindex` tell screen
 * readers the real size. On narrow screens the CSS turns each row into a
 * card (each cell's column name from `data-label`); rows are measured, so
 * cards of any height fit.
 */
export function SiteTable({ sites, now }: SiteTableProps) {
  const { t } = useI18n();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [offset, setOffset] = useState(0);
  const narrow = typeof window !== 'undefined' && window.matchMedia('(max-width: 52rem)').matches;

  // Where the list starts in the page; banners and filters above it may change height.
  useLayoutEffect(() => {
    const measure = () => {
      const body = bodyRef.current;
      if (body) setOffset(Math.round(body.getBoundingClientRect().top + window.scrollY));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: sites.length,
    estimateSize: () => (narrow ? estimateCardPx : estimateRowPx),
    overscan: overscanRows,
    scrollMargin: offset,
    getItemKey: (index) => sites[index]?.id ?? index,
    // React 19 batches the scroll updates itself; a synchronous flush on every scroll event costs frames.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  // Item positions include the scroll margin; the total size does not.
  const margin = virtualizer.options.scrollMargin;
  const before = items.length > 0 ? (items[0]?.start ?? margin) - margin : 0;
  const after =
    items.length > 0 ? virtualizer.getTotalSize() - ((items[items.length - 1]?.end ?? margin) - margin) : 0;

  return (
    <table className="sites" aria-rowcount={sites.length + 1}>
      <caption className="visually-hidden">{t('board.tableCaption')}</caption>
      <thead>
        <tr aria-rowindex={1}>
          <th scope="col">{t('col.status')}</th>
          <th scope="col">{t('col.since')}</th>
          <th scope="col">{t('col.line')}</th>
          <th scope="col">{t('col.carrier')}</th>
          <th scope="col">{t('col.cause')}</th>
          <th scope="col">{t('col.lastSeen')}</th>
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {before > 0 && <Spacer height={before} />}
        {items.map((item) => {
          const site = sites[item.index];
          if (!site) return null;
          return (
            <SiteRow
              key={site.id}
              site={site}
              now={now}
              index={item.index}
              measure={virtualizer.measureElement}
            />
          );
        })}
        {after > 0 && <Spacer height={after} />}
      </tbody>
    </table>
  );
}

function Spacer({ height }: { height: number }) {
  return (
    <tr className="spacer">
      <td colSpan={6} style={{ height }} />
    </tr>
  );
}

interface SiteRowProps {
  site: Site;
  now: number;
  index: number;
  measure(element: Element | null): void;
}

// Memoised: a live event replaces one site object, so only its row re-renders.
const SiteRow = memo(function SiteRow({ site, now, index, measure }: SiteRowProps) {
  const { t, lang, relative, dateTime } = useI18n();
  const status = statusInfo(site.status);
  const cause = causeInfo(site.cause);
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      className="site-row"
      data-site-id={site.id}
      data-status={site.status}
      style={statusColour(status.colour)}
    >
      <td className="cell-status" data-label={t('col.status')}>
        <StatusBadge status={site.status} />
      </td>
      <td className="cell-since" data-label={t('col.since')}>
        <time dateTime={site.since} title={dateTime(site.since)}>
          {relative(site.since, now)}
        </time>
      </td>
      <td className="cell-line" data-label={t('col.line')}>
        <Link className="customer" to={`/sites/${site.id}`}>
          {site.customer}
        </Link>
        <span className="site-name">
          {site.name}
          {site.business && <span className="tag">{t('site.business')}</span>}
        </span>
        <span className="address">{site.address}</span>
      </td>
      <td className="cell-carrier" data-label={t('col.carrier')}>
        <span className="carrier">{site.carrier}</span>
        <span className="muted small">
          {t(accessTypeKey(site.accessType))} ·{' '}
          {t('site.contract', { down: site.contract.downMbps, up: site.contract.upMbps })}
          {site.area && ` · ${t('area.area', { area: site.area })}`}
        </span>
      </td>
      <td className="cell-cause" data-label={t('col.cause')}>
        {cause ? (
          <>
            <span className="cause" title={cause.meaning[lang]}>
              {cause.label[lang]}
            </span>
            <span className="action">
              <span className="visually-hidden">{t('site.action')} </span>
              <span aria-hidden="true">→ </span>
              {cause.action[lang]}
            </span>
          </>
        ) : site.agentId === null ? (
          <span className="muted">{t('site.awaitingBox')}</span>
        ) : (
          <span className="muted" aria-hidden="true">
            —
          </span>
        )}
      </td>
      <td className="cell-seen" data-label={t('col.lastSeen')}>
        {site.lastSeenAt ? (
          <time dateTime={site.lastSeenAt} title={dateTime(site.lastSeenAt)}>
            {relative(site.lastSeenAt, now)}
          </time>
        ) : (
          <span className="muted">{t(site.agentId === null ? 'site.notEnrolled' : 'site.neverSeen')}</span>
        )}
      </td>
    </tr>
  );
});
