import { type Cause, causeCatalogue } from '@linewatch/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../app/context';
import { useLiveSites } from '../board/liveSitesContext';
import { QueryProblem } from '../components/QueryProblem';
import { usePageTitle } from '../components/usePageTitle';
import { useI18n } from '../i18n/context';
import { shopTimeZone } from '../i18n/time';
import { type AvailabilityRow, availability, monthBounds, recentMonths } from './availability';
import { csvSeparator, download, toCsv } from './csv';

/** Most incidents the API returns in one list. */
const incidentLimit = 1000;

/**
 * Availability per line and month: uptime, outages by count, minutes and
 * cause. Computed here from the incidents (the API has no report endpoint
 * yet), so it covers the newest 1,000 incidents.
 */
export default function ReportsPage() {
  const { t, lang, locale, number } = useI18n();
  const api = useApi();
  const { state } = useLiveSites();
  const [now] = useState(() => Date.now());
  const months = useMemo(() => recentMonths(now, 12, shopTimeZone), [now]);
  const [month, setMonth] = useState(months[0] ?? '');
  usePageTitle(t('reports.title'));
  const incidents = useQuery({
    queryKey: ['incidents', 'all', 'report'],
    queryFn: () => api.incidents({ state: 'all', limit: incidentLimit }),
  });
  const rows = useMemo(() => {
    const sites = [...state.sites.values()].sort((a, b) => a.customer.localeCompare(b.customer, locale));
    return availability(sites, incidents.data ?? [], monthBounds(month, shopTimeZone), now);
  }, [state.sites, incidents.data, month, now, locale]);
  const monthName = (m: string) =>
    new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      Date.parse(`${m}-15T00:00:00Z`),
    );
  const minutes = (ms: number) => Math.round(ms / 60_000);
  const pct = (row: AvailabilityRow) =>
    row.uptimePct === null
      ? '—'
      : `${number(row.uptimePct, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
  const causes = (row: AvailabilityRow) =>
    Object.entries(row.downMsByCause)
      .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
      .map(
        ([cause, ms]) =>
          `${cause === 'none' ? t('reports.unknownCause') : causeCatalogue[cause as Cause].label[lang]}: ${minutes(ms ?? 0)} min`,
      )
      .join(', ');

  function exportCsv() {
    const sep = csvSeparator(lang);
    const decimal = (value: number | null) =>
      value === null ? '' : lang === 'de' ? value.toFixed(3).replace('.', ',') : value.toFixed(3);
    const header = [
      t('addSite.customer'),
      t('addSite.name'),
      t('addSite.carrier'),
      t('reports.uptime'),
      t('reports.outages'),
      t('reports.minutes'),
      t('reports.causes'),
    ];
    const body = rows.map((row) => [
      row.site.customer,
      row.site.name,
      row.site.carrier,
      decimal(row.uptimePct),
      row.outages,
      minutes(row.downMs),
      causes(row),
    ]);
    download(`linewatch-${t('reports.file')}-${month}.csv`, toCsv([header, ...body], sep));
  }

  return (
    <div className="page reports-page">
      <div className="page-head">
        <h1>{t('reports.title')}</h1>
        <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>
          ⬇ {t('reports.csv')}
        </button>
      </div>
      <p className="muted">{t('reports.intro')}</p>
      <div className="field inline-field">
        <label htmlFor="report-month">{t('reports.month')}</label>
        <select id="report-month" value={month} onChange={(e) => setMonth(e.target.value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {monthName(m)}
            </option>
          ))}
        </select>
      </div>
      {incidents.isError && <QueryProblem error={incidents.error} onRetry={() => void incidents.refetch()} />}
      {incidents.data?.length === incidentLimit && <p className="warn-text">⚠ {t('reports.truncated')}</p>}
      {rows.length === 0 ? (
        <section className="empty card">
          <p>{t('reports.empty')}</p>
        </section>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t('reports.caption', { month: monthName(month) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.line')}</th>
              <th scope="col" className="num">
                {t('reports.uptime')}
              </th>
              <th scope="col" className="num">
                {t('reports.outages')}
              </th>
              <th scope="col" className="num">
                {t('reports.minutes')}
              </th>
              <th scope="col">{t('reports.causes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.site.id}>
                <td data-label={t('col.line')}>
                  <Link to={`/sites/${row.site.id}`}>
                    {row.site.customer} – {row.site.name}
                  </Link>
                </td>
                <td data-label={t('reports.uptime')} className="num">
                  {pct(row)}
                </td>
                <td data-label={t('reports.outages')} className="num">
                  {row.outages}
                </td>
                <td data-label={t('reports.minutes')} className="num">
                  {number(minutes(row.downMs))}
                </td>
                <td data-label={t('reports.causes')}>{causes(row) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
