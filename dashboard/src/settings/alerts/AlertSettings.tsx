import { useIsAdmin } from '../../app/context';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n/context';
import { ChannelsSection } from './ChannelsSection';
import { ContactsSection } from './ContactsSection';
import { PoliciesSection } from './PoliciesSection';

/**
 * The alerting part of the settings: channels (with "send test"), policies
 * and contacts. Technicians see them; only admins change them.
 */
export function AlertSettings() {
  const { t } = useI18n();
  const isAdmin = useIsAdmin();
  const sections = (
    <>
      <ChannelsSection />
      <PoliciesSection />
      <ContactsSection />
    </>
  );
  return (
    <section id="alerts" className="card panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('settings.alerts')}</h2>
      {isAdmin ? (
        sections
      ) : (
        <>
          <Notice tone="info">{t('settings.adminOnly')}</Notice>
          <fieldset className="read-only" disabled>
            <legend className="visually-hidden">{t('settings.alerts')}</legend>
            {sections}
          </fieldset>
        </>
      )}
    </section>
  );
}
