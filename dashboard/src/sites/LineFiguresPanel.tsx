import type { LatestMeasurement, Site } from '@linewatch/shared';
import { Fragment } from 'react';
import { useI18n } from '../i18n/context';
import { lineFigures } from './lineFigures';

/** Share of the contracted speed under which a sync rate is flagged. */
const lowShare = 0.6;

/**
 * The newest round's line figures: DSL sync against the contract, SNR
 * margin, CRC errors, DNS times. (The API's series carry latency, loss and
 * jitter only, so these are shown as current values, not charts.)
 */
export function LineFiguresPanel({ site, latest }: { site: Site; latest: LatestMeasurement | null }) {
  const { t, number, relative } = useI18n();
  if (latest === null) {
    return (
      <section className="card panel" aria-labelledby="figures-title">
        <h2 id="figures-title">{t('figures.title')}</h2>
        <p className="muted">{t(site.agentId ? 'figures.none' : 'site.awaitingBox')}</p>
      </section>
    );
  }
  const f = lineFigures(latest.measurement, site.contract);
  const n = (value: number | null, digits = 1) =>
    value === null ? '—' : number(value, { maximumFractionDigits: digits });
  const share = (value: number | null) =>
    value === null ? '' : ` (${number(value, { style: 'percent', maximumFractionDigits: 0 })})`;
  return (
    <section className="card panel" aria-labelledby="figures-title">
      <h2 id="figures-title">{t('figures.title')}</h2>
      <p className="muted small">{t('figures.at', { when: relative(latest.receivedAt, Date.now()) })}</p>
      <dl className="facts">
        <dt>{t('figures.syncDown')}</dt>
        <dd className={f.syncDownShare !== null && f.syncDownShare < lowShare ? 'warn-text' : undefined}>
          {f.syncDownMbps === null
            ? t('figures.noRouter')
            : `${n(f.syncDownMbps)} Mbit/s${share(f.syncDownShare)}`}
        </dd>
        <dt>{t('figures.syncUp')}</dt>
        <dd className={f.syncUpShare !== null && f.syncUpShare < lowShare ? 'warn-text' : undefined}>
          {f.syncUpMbps === null ? '—' : `${n(f.syncUpMbps)} Mbit/s${share(f.syncUpShare)}`}
        </dd>
        <dt>{t('figures.snr')}</dt>
        <dd>{f.snrDownDb === null ? '—' : `${n(f.snrDownDb)} dB ↓ · ${n(f.snrUpDb)} dB ↑`}</dd>
        <dt>{t('figures.crc')}</dt>
        <dd>
          {f.crcErrors === null ? '—' : n(f.crcErrors, 0)}
          {f.linkRetrains !== null && ` · ${t('figures.retrains', { count: f.linkRetrains })}`}
        </dd>
        <dt>{t('figures.gateway')}</dt>
        <dd>{f.gatewayRttMs === null ? t('figures.noAnswer') : `${n(f.gatewayRttMs)} ms`}</dd>
        {f.dns.map((d) => (
          <Fragment key={d.resolver}>
            <dt>
              {t('figures.dns', {
                resolver: d.resolver === 'system' ? t('figures.systemResolver') : d.resolver,
              })}
            </dt>
            <dd className={d.ok ? undefined : 'warn-text'}>
              {d.ok ? `${n(d.timeMs)} ms` : `✖ ${d.error ?? ''}`}
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
