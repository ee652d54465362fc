import type { ApiClient } from './api/client';
import { LoginScreen } from './auth/LoginScreen';
import { useSession } from './auth/useSession';
import { Board } from './board/Board';
import { Header } from './components/Header';
import { useI18n } from './i18n/context';

/** The shell: header, then the login screen or the board. */
export function App({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const { session, login, logout } = useSession(api);
  const user = session.phase === 'signedIn' ? session.user : null;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header user={user} onLogout={logout} />
      <main id="main" className="app-main" tabIndex={-1}>
        {session.phase === 'checking' && (
          <p className="loading" role="status">
            {t('app.loading')}
          </p>
        )}
        {session.phase === 'signedOut' && (
          <LoginScreen notice={session.notice} problem={session.problem} onLogin={login} />
        )}
        {/* Keyed by user: another sign-in starts from a fresh board. */}
        {session.phase === 'signedIn' && <Board key={session.user.id} api={api} />}
      </main>
    </>
  );
}
