import { useI18n } from '../../i18n/context';
import { ChannelsSection } from './ChannelsSection';
import { ContactsSection } from './ContactsSection';
import { PoliciesSection } from './PoliciesSection';

/** The alerting part of the settings: channels (with "send test"), policies and contacts. */
export function AlertSettings() {
  const { t } = useI18n();
  return (
    <section id="alerts" className="card panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('settings.alerts')}</h2>
      <ChannelsSection />
      <PoliciesSection />
      <ContactsSection />
    </section>
  );
}
