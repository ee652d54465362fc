import { type Language, languages, type User } from '@linewatch/shared';
import { useContext, useState } from 'react';
import { NavLink } from 'react-router';
import { LiveSitesContext } from '../board/liveSitesContext';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/dictionary';

/** Each language named in itself, so a user can find their own. */
const languageNames: Record<Language, string> = { de: 'Deutsch', en: 'English' };

const navItems: readonly { to: string; key: MessageKey; end?: boolean }[] = [
  { to: '/', key: 'nav.board', end: true },
  { to: '/incidents', key: 'nav.incidents' },
  { to: '/reports', key: 'nav.reports' },
  { to: '/settings', key: 'nav.settings' },
];

interface HeaderProps {
  user: User | null;
  onLogout(): Promise<void>;
}

export function Header({ user, onLogout }: HeaderProps) {
  const { t, lang, setLang } = useI18n();
  const [signingOut, setSigningOut] = useState(false);
  const live = useContext(LiveSitesContext);

  async function signOut() {
    setSigningOut(true);
    try {
      await onLogout();
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <header className="app-header">
      <div className="app-header-inner">
        <span className="brand">
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <circle cx="16" cy="16" r="14" />
            <path d="M6 17h6l3-7 4 13 3-6h4" />
          </svg>
          linewatch
        </span>
        {user && (
          <nav className="main-nav" aria-label={t('nav.label')}>
            <ul>
              {navItems.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end ?? false}>
                    {t(item.key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="header-tools">
          {live && live.state.live !== 'connecting' && (
            <span className={`live-state live-${live.state.live}`} role="status">
              <span aria-hidden="true">{live.state.live === 'open' ? '●' : '⚠'} </span>
              {t(live.state.live === 'open' ? 'live.on' : 'live.lost')}
            </span>
          )}
          <label className="language">
            <span className="visually-hidden">{t('header.language')}</span>
            <select
              value={lang}
              onChange={(event) => {
                const next = languages.find((l) => l === event.target.value);
                if (next) setLang(next);
              }}
            >
              {languages.map((l) => (
                <option key={l} value={l} lang={l}>
                  {languageNames[l]}
                </option>
              ))}
            </select>
          </label>
          {user && (
            <>
              <span className="user" title={t('header.signedInAs', { email: user.email })}>
                {user.email}
                <span className="muted"> · {t(`users.role.${user.role}`)}</span>
              </span>
              <button type="button" className="button" onClick={signOut} disabled={signingOut}>
                {t('header.signOut')}
              </button>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
