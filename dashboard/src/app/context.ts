import type { User } from '@linewatch/shared';
import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';

export const ApiContext = createContext<ApiClient | null>(null);

/** The API client of the app (one per page load; tests may provide another). */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi needs an <ApiContext> above it');
  return api;
}

/** The signed-in user (inside the signed-in part of the app). */
export const CurrentUserContext = createContext<User | null>(null);

/** Whether the signed-in user may change settings (lines, alerting, users); technicians may not. */
export function useIsAdmin(): boolean {
  return useContext(CurrentUserContext)?.role === 'admin';
}

/** The signed-in user, or null outside the signed-in part. */
export function useCurrentUser(): User | null {
  return useContext(CurrentUserContext);
}
