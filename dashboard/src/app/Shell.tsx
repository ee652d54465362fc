import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { LoginScreen } from '../auth/LoginScreen';
import { useSession } from '../auth/useSession';
import { LiveSitesProvider } from '../board/LiveSitesProvider';
import { Header } from '../components/Header';
import { useI18n } from '../i18n/context';
import { CurrentUserContext, useApi } from './context';

/**
 * The frame of every page: header and navigation, then the login screen or
 * the page of the current route. A deep link survives signing in: the URL
 * stays, the login screen shows in its place.
 */
export function Shell() {
  const { t } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const { session, login, logout } = useSession(api);
  const user = session.phase === 'signedIn' ? session.user : null;
  const { pathname } = useLocation();

  // Nothing of one user's data may show to the next one.
  useEffect(() => {
    if (session.phase === 'signedOut') queryClient.clear();
  }, [session.phase, queryClient]);

  // After a client-side navigation, start keyboard and screen-reader users at the new page.
  useEffect(() => {
    void pathname;
    const main = document.getElementById('main');
    if (main && document.activeElement !== document.body && !main.contains(document.activeElement)) {
      main.focus({ preventScroll: true });
    }
    window.scrollTo(0, 0);
  }, [pathname]);

  const page = (
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
        {session.phase === 'signedIn' && <Outlet />}
      </main>
    </>
  );
  // Keyed by user: another sign-in starts from a fresh live feed.
  return session.phase === 'signedIn' ? (
    <CurrentUserContext value={session.user}>
      <LiveSitesProvider key={session.user.id}>{page}</LiveSitesProvider>
    </CurrentUserContext>
  ) : (
    page
  );
}
