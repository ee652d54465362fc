import type { Incident, Site } from '@linewatch/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../app/context';
import { QueryProblem } from '../../components/QueryProblem';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/dictionary';
import type { Translate } from '../../i18n/translate';
import { type ChartRange, chartRanges, outageBands, rangeMs, rangeQuery, toChartPoints } from './chartRange';
import { MetricChart } from './MetricChart';

const rangeKeys: Record<ChartRange, MessageKey> = {
  '1h': 'charts.1h',
  '6h': 'charts.6h',
  '24h': 'charts.24h',
  '7d': 'charts.7d',
  '30d': 'charts.30d',
  '90d': 'charts.90d',
};
/** What one CRC point counts: the errors since the measurement before, or in its bucket. */
function crcUnit(resolution: string, t: Translate): string {
  if (resolution === 'raw') return t('charts.crcPerSample');
  if (resolution === '1m') return t('charts.crcPerMinute');
  return t('charts.crcPerHours', { hours: Number.parseInt(resolution, 10) || 1 });
}

/** Y axis and margins take this much of a chart's width; the rest is plot. */
const axisPx = 60;

interface SiteChartsProps {
  siteId: string;
  incidents: readonly Incident[];
  /** The contracted speeds, drawn on the sync-rate chart. */
  contract: Site['contract'];
  accessType: Site['accessType'];
}

/** Latency, loss, jitter, DNS time and the DSL figures of a site over a chosen range, with its outages as bands. */
export function SiteCharts({ siteId, incidents, contract, accessType }: SiteChartsProps) {
  const { t } = useI18n();
  const api = useApi();
  const [range, setRange] = useState<ChartRange>('24h');
  const [width, setWidth] = useState(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const now = useNow(60_000);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const query = rangeQuery(range, Math.max(0, width - axisPx), now);
  const series = useQuery({
    queryKey: ['site', siteId, 'measurements', query],
    queryFn: () => api.measurements(siteId, query),
    enabled: width > 0,
    placeholderData: keepPreviousData,
    // Short ranges follow the line as it is measured; long ones change too slowly to matter.
    refetchInterval: range === '1h' ? 10_000 : range === '6h' ? 60_000 : false,
  });
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const points = useMemo(() => toChartPoints(series.data?.points ?? []), [series.data]);
  const bands = useMemo(() => outageBands(incidents, from, to), [incidents, from, to]);
  const common = { points, bands, from, to, width, long: rangeMs[range] > 2 * 86_400_000 };
  const noDsl = t(accessType === 'dsl' ? 'charts.noDslData' : 'charts.notDsl');

  return (
    <section className="card panel charts" aria-labelledby="charts-title">
      <div className="panel-head">
        <h2 id="charts-title">{t('charts.title')}</h2>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('charts.range')}</legend>
          {chartRanges.map((r) => (
            <label key={r} className={r === range ? 'selected' : undefined}>
              <input
                type="radio"
                name="chart-range"
                value={r}
                checked={r === range}
                onChange={() => setRange(r)}
              />
              {t(rangeKeys[r])}
            </label>
          ))}
        </fieldset>
      </div>
      {bands.length > 0 && <p className="muted small">▮ {t('charts.bands')}</p>}
      {series.isError && <QueryProblem error={series.error} onRetry={() => void series.refetch()} />}
      <div ref={boxRef} className="chart-stack" aria-busy={series.isFetching}>
        {width > 0 && (
          <>
            <MetricChart
              id="chart-latency"
              title={t('charts.latency')}
              unit="ms"
              series={[
                { key: 'latencyMs', label: t('charts.internet'), colour: '#2457c5' },
                { key: 'gatewayRttMs', label: t('charts.router'), colour: '#8e44ad' },
              ]}
              {...common}
            />
            <MetricChart
              id="chart-loss"
              title={t('charts.loss')}
              unit="%"
              series={[{ key: 'lossPct', label: t('charts.loss'), colour: '#c0392b' }]}
              {...common}
            />
            <MetricChart
              id="chart-jitter"
              title={t('charts.jitter')}
              unit="ms"
              series={[{ key: 'jitterMs', label: t('charts.jitter'), colour: '#16a085' }]}
              {...common}
            />
            <MetricChart
              id="chart-dns"
              title={t('charts.dns')}
              unit="ms"
              series={[{ key: 'dnsMs', label: t('charts.dns'), colour: '#6d4c41' }]}
              {...common}
            />
            <MetricChart
              id="chart-sync"
              title={t('charts.sync')}
              unit="Mbit/s"
              series={[
                { key: 'syncDownMbps', label: t('charts.down'), colour: '#2457c5' },
                { key: 'syncUpMbps', label: t('charts.up'), colour: '#00897b' },
              ]}
              references={[
                { value: contract.downMbps, label: t('charts.contractDown'), colour: '#2457c5' },
                { value: contract.upMbps, label: t('charts.contractUp'), colour: '#00897b' },
              ]}
              empty={noDsl}
              {...common}
            />
            <MetricChart
              id="chart-snr"
              title={t('charts.snr')}
              unit="dB"
              series={[
                { key: 'snrDownDb', label: t('charts.down'), colour: '#2457c5' },
                { key: 'snrUpDb', label: t('charts.up'), colour: '#00897b' },
              ]}
              empty={noDsl}
              {...common}
            />
            <MetricChart
              id="chart-crc"
              title={t('charts.crc')}
              unit={crcUnit(series.data?.resolution ?? 'raw', t)}
              series={[{ key: 'crcErrors', label: t('charts.crc'), colour: '#c0392b' }]}
              empty={noDsl}
              {...common}
            />
          </>
        )}
      </div>
      {series.data && (
        <p className="muted small">{t('charts.resolution', { resolution: series.data.resolution })}</p>
      )}
    </section>
  );
}
