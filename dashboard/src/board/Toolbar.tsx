import type { SiteStatus } from '@linewatch/shared';
import { useI18n } from '../i18n/context';
import { knownStatus, statusesByRank, statusInfo } from '../sites/catalogue';
import type { SiteFilter } from './siteList';

interface ToolbarProps {
  filter: SiteFilter;
  counts: Record<SiteStatus, number>;
  onChange(filter: SiteFilter): void;
}

/** Search (name, customer, carrier, address) and the status filter. */
export function Toolbar({ filter, counts, onChange }: ToolbarProps) {
  const { t, lang, locale } = useI18n();
  return (
    <search className="toolbar">
      <div className="field grow">
        <label htmlFor="site-search">{t('board.search')}</label>
        <input
          id="site-search"
          type="search"
          placeholder={t('board.searchPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          value={filter.query}
          onChange={(event) => onChange({ ...filter, query: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="status-filter">{t('board.statusFilter')}</label>
        <select
          id="status-filter"
          value={filter.status}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ ...filter, status: value === 'all' ? 'all' : knownStatus(value) });
          }}
        >
          <option value="all">{t('board.allStatuses')}</option>
          {statusesByRank.map((status) => (
            <option key={status} value={status}>
              {`${statusInfo(status).icon} ${statusInfo(status).label[lang]} (${counts[status].toLocaleString(locale)})`}
            </option>
          ))}
        </select>
      </div>
    </search>
  );
}
