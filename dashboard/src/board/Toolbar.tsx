import type { SiteStatus } from '@linewatch/shared';
import { useI18n } from '../i18n/context';
import { knownStatus, statusesByRank, statusInfo } from '../sites/catalogue';
import { isFiltering, noFilter, type SiteFilter } from './siteList';

interface ToolbarProps {
  filter: SiteFilter;
  counts: Record<SiteStatus, number>;
  carriers: readonly string[];
  areas: readonly string[];
  onChange(filter: SiteFilter): void;
}

/** Search (name, customer, carrier, address) and the status, carrier and area filters. */
export function Toolbar({ filter, counts, carriers, areas, onChange }: ToolbarProps) {
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
      <div className="field">
        <label htmlFor="carrier-filter">{t('board.carrierFilter')}</label>
        <select
          id="carrier-filter"
          value={filter.carrier ?? ''}
          onChange={(event) => onChange({ ...filter, carrier: event.target.value })}
        >
          <option value="">{t('board.allCarriers')}</option>
          {carriers.map((carrier) => (
            <option key={carrier} value={carrier}>
              {carrier}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="area-filter">{t('board.areaFilter')}</label>
        <select
          id="area-filter"
          value={filter.area ?? ''}
          onChange={(event) => onChange({ ...filter, area: event.target.value })}
        >
          <option value="">{t('board.allAreas')}</option>
          {areas.map((area) => (
            <option key={area} value={area}>
              {area}
            </option>
          ))}
        </select>
      </div>
      {isFiltering(filter) && (
        <button type="button" className="button toolbar-reset" onClick={() => onChange(noFilter)}>
          {t('board.clearFilters')}
        </button>
      )}
    </search>
  );
}
