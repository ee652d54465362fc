import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../app/context';
import { useLiveSites } from '../board/liveSitesContext';
import { sortSites } from '../board/siteList';
import { useI18n } from '../i18n/context';
import { AddSiteDialog } from '../sites/AddSiteDialog';
import { accessTypeKey } from '../sites/catalogue';

/** Rows shown before "show all": the settings page stays light with thousands of lines. */
const previewRows = 50;

/** The lines: add one (and get its box's install command); the list links to each line. */
export function SitesSettings() {
  const { t } = useI18n();
  const api = useApi();
  const { state, showSite } = useLiveSites();
  const [adding, setAdding] = useState(false);
  const [all, setAll] = useState(false);
  const sites = sortSites(state.sites.values()).sort((a, b) => a.customer.localeCompare(b.customer));
  const shown = all ? sites : sites.slice(0, previewRows);
  return (
    <section id="sites" className="card panel" aria-labelledby="sites-title">
      <div className="panel-head">
        <h2 id="sites-title">{t('settings.sites')}</h2>
        <button type="button" className="button primary" onClick={() => setAdding(true)}>
          <span aria-hidden="true">+ </span>
          {t('board.addSite')}
        </button>
      </div>
      <p className="muted small">{t('settings.sitesEditPending')}</p>
      {sites.length === 0 ? (
        <p className="muted">{t('board.emptyText')}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t('settings.sites')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.line')}</th>
              <th scope="col">{t('col.carrier')}</th>
              <th scope="col">{t('settings.box')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((site) => (
              <tr key={site.id}>
                <td data-label={t('col.line')}>
                  <Link to={`/sites/${site.id}`}>
                    {site.customer} – {site.name}
                  </Link>
                </td>
                <td data-label={t('col.carrier')}>
                  {site.carrier} · {t(accessTypeKey(site.accessType))}
                </td>
                <td data-label={t('settings.box')}>
                  {site.agentId ? `✔ ${t('settings.enrolled')}` : t('site.notEnrolled')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!all && sites.length > previewRows && (
        <button type="button" className="button" onClick={() => setAll(true)}>
          {t('settings.showAllSites', { count: sites.length })}
        </button>
      )}
      {adding && <AddSiteDialog api={api} onCreated={showSite} onClose={() => setAdding(false)} />}
    </section>
  );
}
