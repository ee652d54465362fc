import { usePageTitle } from '../components/usePageTitle';
import { useI18n } from '../i18n/context';
import { MaintenanceSettings } from './MaintenanceSettings';
import { SitesSettings } from './SitesSettings';

/** Lines, maintenance windows, alerting and users. */
export function SettingsPage() {
  const { t } = useI18n();
  usePageTitle(t('settings.title'));
  return (
    <div className="page settings-page">
      <h1>{t('settings.title')}</h1>
      <nav className="toc" aria-label={t('settings.sections')}>
        <a href="#sites">{t('settings.sites')}</a>
        <a href="#maintenance">{t('maintenance.title')}</a>
        <a href="#alerts">{t('settings.alerts')}</a>
        <a href="#users">{t('settings.users')}</a>
      </nav>
      <SitesSettings />
      <MaintenanceSettings />
      <section id="alerts" className="card panel" aria-labelledby="alerts-title">
        <h2 id="alerts-title">{t('settings.alerts')}</h2>
        <p>{t('settings.alertsPending')}</p>
      </section>
      <section id="users" className="card panel" aria-labelledby="users-title">
        <h2 id="users-title">{t('settings.users')}</h2>
        <p>{t('settings.usersPending')}</p>
      </section>
    </div>
  );
}
