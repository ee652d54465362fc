import type { SiteStatus } from '@linewatch/shared';
import { statusColour } from '../components/StatusBadge';
import { useI18n } from '../i18n/context';
import { statusesByRank, statusInfo } from '../sites/catalogue';
import type { StatusFilter } from './siteList';

interface SummaryBarProps {
  counts: Record<SiteStatus, number>;
  total: number;
  selected: StatusFilter;
  onSelect(status: StatusFilter): void;
}

/** How many lines have each status; each tile also filters the list to that status. */
export function SummaryBar({ counts, total, selected, onSelect }: SummaryBarProps) {
  const { t, lang, locale } = useI18n();
  const number = (n: number) => n.toLocaleString(locale);
  return (
    <section className="summary" aria-labelledby="summary-title">
      <h2 id="summary-title" className="visually-hidden">
        {t('board.summary')}
      </h2>
      <ul className="summary-tiles">
        <li>
          <button
            type="button"
            className="summary-tile total"
            aria-pressed={selected === 'all'}
            onClick={() => onSelect('all')}
          >
            <span className="summary-count">{number(total)}</span>
            <span className="summary-label">{t('board.total')}</span>
          </button>
        </li>
        {statusesByRank.map((status) => {
          const info = statusInfo(status);
          const count = counts[status];
          return (
            <li key={status}>
              <button
                type="button"
                className={`summary-tile${count === 0 ? ' zero' : ''}`}
                style={statusColour(info.colour)}
                aria-pressed={selected === status}
                title={t('board.onlyStatus', { status: info.label[lang] })}
                onClick={() => onSelect(selected === status ? 'all' : status)}
              >
                <span className="summary-count">
                  <span className="status-icon" aria-hidden="true">
                    {info.icon}
                  </span>
                  {number(count)}
                </span>
                <span className="summary-label">{info.label[lang]}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
