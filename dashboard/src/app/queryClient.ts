import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError, type ProblemKind } from '../api/errors';

/** Failures worth one more try: the server or the way to it may be back in a moment. */
const transient: ReadonlySet<ProblemKind> = new Set(['network', 'unavailable', 'server']);

/**
 * Whether a failed query is tried again: transient failures twice, never a
 * 4xx (a missing site stays missing; a 401 goes to the login screen).
 *
 * @example shouldRetry(0, new ApiRequestError(networkProblem())) // true
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return error instanceof ApiRequestError && transient.has(error.problem.kind) && failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 10_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
