import type { Site } from '@linewatch/shared';
import { useI18n } from '../i18n/context';
import { euros } from '../incidents/incidentText';
import { accessTypeKey } from './catalogue';

/** Customer and contract: what the line should deliver. */
export function ContractFacts({ site }: { site: Site }) {
  const { t, locale, date } = useI18n();
  return (
    <section className="card panel" aria-labelledby="contract-title">
      <h2 id="contract-title">{t('site.contractTitle')}</h2>
      <dl className="facts">
        <dt>{t('addSite.customer')}</dt>
        <dd>
          {site.customer}
          {site.business && <span className="tag">{t('site.business')}</span>}
        </dd>
        <dt>{t('addSite.carrier')}</dt>
        <dd>{site.carrier}</dd>
        <dt>{t('addSite.accessType')}</dt>
        <dd>{t(accessTypeKey(site.accessType))}</dd>
        <dt>{t('addSite.contract')}</dt>
        <dd>{t('site.contract', { down: site.contract.downMbps, up: site.contract.upMbps })}</dd>
        <dt>{t('site.area')}</dt>
        <dd>{site.area ?? '—'}</dd>
        <dt>{t('site.monthlyFee')}</dt>
        <dd>{site.monthlyFeeCents === null ? '—' : euros(site.monthlyFeeCents, locale)}</dd>
        <dt>{t('site.tkg')}</dt>
        <dd>{t(site.business ? 'site.tkgNo' : 'site.tkgYes')}</dd>
        <dt>{t('site.created')}</dt>
        <dd>{date(site.createdAt)}</dd>
      </dl>
    </section>
  );
}
