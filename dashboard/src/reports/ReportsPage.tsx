import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../app/context';
import { useLiveSites } from '../board/liveSitesContext';
import { QueryProblem } from '../components/QueryProblem';
import { usePageTitle } from '../components/usePageTitle';
import { useI18n } from '../i18n/context';
import { shopTimeZone } from '../i18n/time';
import { causeInfo } from '../sites/catalogue';
import { type AvailabilityRow, availabilityRows, recentMonths } from './availability';
import { csvSeparator, download, toCsv } from './csv';

/**
 * Availability per line and month: uptime, outages by count, minutes and
 * cause, maintenance and degraded time apart — computed by the server from
 * every incident of the month (`GET /api/v1/reports/availability`).
 */
export default function ReportsPage() {
  const { t, lang, locale, number } = useI18n();
  const api = useApi();
  const { state } = useLiveSites();
  const [now] = useState(() => Date.now());
  const months = useMemo(() => recentMonths(now, 12, shopTimeZone), [now]);
  const [month, setMonth] = useState(months[0] ?? '');
  usePageTitle(t('reports.title'));
  const report = useQuery({
    queryKey: ['reports', 'availability', month],
    queryFn: () => api.availability(month),
  });
  const rows = useMemo(() => {
    const sites = [...state.sites.values()].sort((a, b) => a.customer.localeCompare(b.customer, locale));
    return availabilityRows(report.data, sites);
  }, [state.sites, report.data, locale]);
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
          `${causeInfo(cause === 'none' ? null : cause)?.label[lang] ?? t('reports.unknownCause')}: ${minutes(ms ?? 0)} min`,
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
      t('reports.maintenance'),
      t('reports.degraded'),
    ];
    const body = rows.map((row) => [
      row.site.customer,
      row.site.name,
      row.site.carrier,
      decimal(row.uptimePct),
      row.outages,
      minutes(row.downMs),
      causes(row),
      minutes(row.maintenanceMs),
      minutes(row.degradedMs),
    ]);
    download(`linewatch-${t('reports.file')}-${month}.csv`, toCsv([header, ...body], sep));
  }

  return (
    <div className="page reports-page">
      <div className="page-head">
        <h1>{t('reports.title')}</h1>
        <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>
          <span aria-hidden="true">⬇ </span>
          {t('reports.csv')}
        </button>
      </div>
      <p className="muted">{t('reports.intro')}</p>
      <p className="muted small">{t('reports.rules')}</p>
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
      {report.isError && <QueryProblem error={report.error} onRetry={() => void report.refetch()} />}
      {report.data && !report.data.complete && <p className="muted small">{t('reports.running')}</p>}
      {report.isPending ? (
        <p className="loading" role="status">
          {t('app.loading')}
        </p>
      ) : rows.length === 0 ? (
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
              <th scope="col" className="num">
                {t('reports.maintenance')}
              </th>
              <th scope="col" className="num">
                {t('reports.degraded')}
              </th>
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
                <td data-label={t('reports.maintenance')} className="num">
                  {number(minutes(row.maintenanceMs))}
                </td>
                <td data-label={t('reports.degraded')} className="num">
                  {number(minutes(row.degradedMs))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
