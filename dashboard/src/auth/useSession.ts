import type { LoginRequest, User } from '@linewatch/shared';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import { type ApiProblem, ApiRequestError } from '../api/errors';

export type SignedOutNotice = 'expired' | 'signedOut';

export type Session =
  | { phase: 'checking' }
  | { phase: 'signedOut'; notice: SignedOutNotice | null; problem: ApiProblem | null }
  | { phase: 'signedIn'; user: User };

function problemOf(error: unknown): ApiProblem | null {
  if (error instanceof ApiRequestError) return error.problem.kind === 'unauthorized' ? null : error.problem;
  throw error;
}

/**
 * Who is signed in. Asks `/auth/me` on start; any 401 from a session request
 * while signed in (the session expired) goes back to the login screen with a
 * notice.
 */
export function useSession(api: ApiClient) {
  const [session, setSession] = useState<Session>({ phase: 'checking' });

  useEffect(() => {
    let active = true;
    const unsubscribe = api.onUnauthorized(() =>
      setSession((current) =>
        current.phase === 'signedIn' ? { phase: 'signedOut', notice: 'expired', problem: null } : current,
      ),
    );
    api.me().then(
      (user) => {
        if (!active) return;
        setSession(user ? { phase: 'signedIn', user } : { phase: 'signedOut', notice: null, problem: null });
      },
      (error: unknown) => {
        if (active) setSession({ phase: 'signedOut', notice: null, problem: problemOf(error) });
      },
    );
    return () => {
      active = false;
      unsubscribe();
    };
  }, [api]);

  /** Throws the {@link ApiRequestError} for the form to explain. */
  const login = useCallback(
    async (credentials: LoginRequest) => {
      const user = await api.login(credentials);
      setSession({ phase: 'signedIn', user });
    },
    [api],
  );

  /** Signs out here even if the server cannot be told; the problem is then shown on the login screen. */
  const logout = useCallback(async () => {
    let problem: ApiProblem | null = null;
    try {
      await api.logout();
    } catch (error) {
      problem = problemOf(error);
    }
    setSession({ phase: 'signedOut', notice: 'signedOut', problem });
  }, [api]);

  return { session, login, logout };
}
