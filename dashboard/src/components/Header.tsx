import { type Language, languages, type User } from '@linewatch/shared';
import { useState } from 'react';
import { useI18n } from '../i18n/context';

/** Each language named in itself, so a user can find their own. */
const languageNames: Record<Language, string> = { de: 'Deutsch', en: 'English' };

interface HeaderProps {
  user: User | null;
  onLogout(): Promise<void>;
}

export function Header({ user, onLogout }: HeaderProps) {
  const { t, lang, setLang } = useI18n();
  const [signingOut, setSigningOut] = useState(false);

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
        <div className="header-tools">
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
