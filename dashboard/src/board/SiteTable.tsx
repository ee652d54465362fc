import type { Site } from '@linewatch/shared';
import { memo } from 'react';
import { StatusBadge, statusColour } from '../components/StatusBadge';
import { useI18n } from '../i18n/context';
import { accessTypeKey, causeInfo, statusInfo } from '../sites/catalogue';

interface SiteTableProps {
  sites: readonly Site[];
  /** The time "since" and "last seen" are relative to (refreshed every 30 s). */
  now: number;
}

/**
 * The lines as a table; on narrow screens the CSS turns each row into a card
 * and shows each cell's column name from `data-label`.
 */
export function SiteTable({ sites, now }: SiteTableProps) {
  const { t } = useI18n();
  return (
    <table className="sites">
      <caption className="visually-hidden">{t('board.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.status')}</th>
          <th scope="col">{t('col.since')}</th>
          <th scope="col">{t('col.line')}</th>
          <th scope="col">{t('col.carrier')}</th>
          <th scope="col">{t('col.cause')}</th>
          <th scope="col">{t('col.lastSeen')}</th>
        </tr>
      </thead>
      <tbody>
        {sites.map((site) => (
          <SiteRow key={site.id} site={site} now={now} />
        ))}
      </tbody>
    </table>
  );
}

// Memoised: a live event replaces one site object, so only its row re-renders.
const SiteRow = memo(function SiteRow({ site, now }: { site: Site; now: number }) {
  const { t, lang, relative, dateTime } = useI18n();
  const status = statusInfo(site.status);
  const cause = causeInfo(site.cause);
  return (
    <tr className="site-row" style={statusColour(status.colour)}>
      <td className="cell-status" data-label={t('col.status')}>
        <StatusBadge status={site.status} />
      </td>
      <td className="cell-since" data-label={t('col.since')}>
        <time dateTime={site.since} title={dateTime(site.since)}>
          {relative(site.since, now)}
        </time>
      </td>
      <td className="cell-line" data-label={t('col.line')}>
        <span className="customer">{site.customer}</span>
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
