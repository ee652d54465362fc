import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useI18n } from '../../i18n/context';
import { formatInZone } from '../../i18n/time';
import type { ChartPoint, OutageBand } from './chartRange';

/** One line of a chart: which field, its name and colour. */
export interface Series {
  key: Exclude<keyof ChartPoint, 't'>;
  label: string;
  colour: string;
}

interface MetricChartProps {
  id: string;
  title: string;
  unit: string;
  series: readonly Series[];
  points: readonly ChartPoint[];
  bands: readonly OutageBand[];
  from: number;
  to: number;
  width: number;
  /** Ranges over two days label the axis with dates, shorter ones with times. */
  long: boolean;
  /** Dashed lines at fixed values, e.g. the contracted speed. */
  references?: readonly { value: number; label: string; colour: string }[];
  /** Shown instead of "no data" when no point has a value. */
  empty?: string;
}

const height = 200;

/** A round axis top a little above `value` (e.g. 100 → 120, 250 → 300), so reference lines are not on the edge. */
export function roundedTop(value: number): number {
  if (!(value > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(value * 1.1)) / 2;
  return Math.ceil((value * 1.1) / step) * step;
}

/** A line chart of one figure over time; outages as red bands behind the lines. */
export function MetricChart({
  id,
  title,
  unit,
  series,
  points,
  bands,
  from,
  to,
  width,
  long,
  references = [],
  empty,
}: MetricChartProps) {
  const { t, locale, dateTime, number } = useI18n();
  const tick = (ms: number) =>
    formatInZone(
      ms,
      locale,
      long ? { day: '2-digit', month: '2-digit' } : { hour: '2-digit', minute: '2-digit' },
    );
  const withData = points.filter((p) => series.some((s) => p[s.key] !== null)).length;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-points={withData}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title} <span className="muted small">({unit})</span>
      </figcaption>
      {withData === 0 ? (
        <p className="chart-empty muted">{empty ?? t('charts.noData')}</p>
      ) : (
        <>
          <p className="visually-hidden">{t('charts.summary', { count: withData })}</p>
          <div aria-hidden="true">
            <LineChart
              width={width}
              height={height}
              data={points as ChartPoint[]}
              margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke="var(--border)" vertical={false} />
              {bands.map((band) => (
                <ReferenceArea
                  key={band.id}
                  x1={band.from}
                  x2={band.to}
                  fill={band.status === 'degraded' ? '#ed8b00' : '#d32f2f'}
                  fillOpacity={0.15}
                  ifOverflow="hidden"
                />
              ))}
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[from, to]}
                tickFormatter={tick}
                stroke="var(--muted)"
                fontSize={12}
                minTickGap={24}
              />
              <YAxis
                stroke="var(--muted)"
                fontSize={12}
                width={48}
                allowDecimals
                domain={
                  references.length
                    ? [0, (max: number) => roundedTop(Math.max(max, ...references.map((r) => r.value)))]
                    : undefined
                }
              />
              {references.map((r) => (
                <ReferenceLine
                  key={r.label}
                  y={r.value}
                  stroke={r.colour}
                  strokeDasharray="6 4"
                  label={{ value: r.label, position: 'insideTopRight', fontSize: 11, fill: r.colour }}
                />
              ))}
              <Tooltip
                labelFormatter={(value) => dateTime(new Date(Number(value)).toISOString())}
                formatter={(value) =>
                  typeof value === 'number' ? `${number(value, { maximumFractionDigits: 1 })} ${unit}` : '—'
                }
                contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
              />
              {series.map((s) => (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  stroke={s.colour}
                  dot={false}
                  strokeWidth={1.5}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
            </LineChart>
          </div>
          {series.length > 1 && (
            <ul className="chart-legend">
              {series.map((s) => (
                <li key={s.key}>
                  <span className="legend-swatch" style={{ background: s.colour }} aria-hidden="true" />
                  {s.label}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </figure>
  );
}
