import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';

export const ApiContext = createContext<ApiClient | null>(null);

/** The API client of the app (one per page load; tests may provide another). */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi needs an <ApiContext> above it');
  return api;
}
