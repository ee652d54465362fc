import type { MaintenanceWindow, Site } from '@linewatch/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../app/context';
import { useI18n } from '../i18n/context';

/** Whether a maintenance window covers a site: by its id, its carrier or its area. */
export function coversSite(window: MaintenanceWindow, site: Pick<Site, 'id' | 'carrier' | 'area'>): boolean {
  switch (window.scope) {
    case 'site':
      return window.value === site.id;
    case 'carrier':
      return window.value === site.carrier;
    case 'area':
      return window.value === site.area;
  }
}

/** Current and planned maintenance that covers this line (outages inside are recorded, never alerted). */
export function SiteMaintenance({ site }: { site: Site }) {
  const { t, shortDateTime } = useI18n();
  const api = useApi();
  const windows = useQuery({ queryKey: ['maintenance'], queryFn: () => api.maintenanceWindows() });
  const mine = (windows.data ?? []).filter((w) => coversSite(w, site));
  return (
    <section className="card panel" aria-labelledby="site-maintenance">
      <h2 id="site-maintenance">{t('maintenance.title')}</h2>
      {mine.length === 0 ? (
        <p className="muted">{t('maintenance.noneForSite')}</p>
      ) : (
        <ul className="plain-list">
          {mine.map((w) => (
            <li key={w.id}>
              {shortDateTime(w.startsAt)} – {shortDateTime(w.endsAt)}
              {w.reason && <span className="muted"> · {w.reason}</span>}
            </li>
          ))}
        </ul>
      )}
      <Link to={`/settings?maintenanceSite=${site.id}#maintenance`}>{t('maintenance.plan')}</Link>
    </section>
  );
}
