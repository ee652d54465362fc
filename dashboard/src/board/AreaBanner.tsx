import { Link } from 'react-router';
import { useI18n } from '../i18n/context';
import { causeInfo } from '../sites/catalogue';
import type { AreaOutage } from './areaOutages';

/** Names shown in the banner before "and N more". */
const namesShown = 4;

interface AreaBannerProps {
  outage: AreaOutage;
  now: number;
  selected: boolean;
  onShow(): void;
}

/** One area outage: many lines of one carrier and area down together, shown as one problem. */
export function AreaBanner({ outage, now, selected, onShow }: AreaBannerProps) {
  const { t, lang, relative, dateTime } = useI18n();
  const { incident, sites, back } = outage;
  /** Every known line is up again: the outage is over, only waiting to be stable. */
  const recovering = sites.length > 0 && back === sites.length;
  const cause = causeInfo(incident.cause);
  const names = sites.slice(0, namesShown).map((site) => site.customer);
  const more = sites.length - names.length;
  const place = [incident.carrier, incident.area ? t('area.area', { area: incident.area }) : null]
    .filter(Boolean)
    .join(', ');
  return (
    <section
      className={`area-banner${recovering ? ' recovering' : ''}`}
      aria-labelledby={`area-${incident.id}`}
    >
      <span className="area-icon" aria-hidden="true">
        {recovering ? '✔' : '⚠'}
      </span>
      <div className="area-body">
        <h2 id={`area-${incident.id}`}>
          {recovering && `${t('area.recovering')} `}
          {incident.powerCutSuspected ? t('area.powerCutTitle', { place }) : t('area.title', { place })}
        </h2>
        <p>
          {t('area.summary', { count: incident.siteIds.length })}
          {back > 0 && !recovering && ` · ${t('area.back', { count: back })}`}{' '}
          <time dateTime={incident.startedAt} title={dateTime(incident.startedAt)}>
            {t('area.since', { when: relative(incident.startedAt, now) })}
          </time>
          {cause && <> · {cause.label[lang]}</>}
        </p>
        <p className="muted small">
          {names.join(', ')}
          {more > 0 && ` ${t('area.more', { count: more })}`}
        </p>
        {cause && !recovering && (
          <p className="small">
            <span aria-hidden="true">→ </span>
            {cause.action[lang]}
          </p>
        )}
      </div>
      <div className="area-actions">
        <button type="button" className="button small" aria-pressed={selected} onClick={onShow}>
          {t('area.showLines')}
        </button>
        <Link className="button small" to={`/incidents/${incident.id}`}>
          {t('area.openIncident')}
        </Link>
      </div>
    </section>
  );
}
