import { usePageTitle } from '../components/usePageTitle';
import { useI18n } from '../i18n/context';
import { AlertSettings } from './alerts/AlertSettings';
import { MaintenanceSettings } from './MaintenanceSettings';
import { SitesSettings } from './SitesSettings';
import { UsersSettings } from './users/UsersSettings';

/** Lines, maintenance windows, alerting and users. */
export default function SettingsPage() {
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
      <AlertSettings />
      <UsersSettings />
    </div>
  );
}
