import type { ApiProblem, ProblemKind } from '../api/errors';
import type { MessageKey } from './dictionary';
import type { Translate } from './translate';

/** What the shop owner is told for each kind of API failure (a missing kind is a compile error). */
export const problemKeys: Record<ProblemKind, MessageKey> = {
  network: 'problem.network',
  unauthorized: 'problem.unauthorized',
  forbidden: 'problem.forbidden',
  notFound: 'problem.notFound',
  invalid: 'problem.invalid',
  conflict: 'problem.conflict',
  gone: 'problem.gone',
  rateLimited: 'problem.rateLimited',
  unavailable: 'problem.unavailable',
  server: 'problem.server',
  unexpected: 'problem.unexpected',
};

/** Kinds where only the server knows what exactly clashed, so its own sentence is worth adding. */
const addServerMessage: ReadonlySet<ProblemKind> = new Set(['conflict', 'forbidden']);

/**
 * A problem in words a shop owner understands.
 *
 * @example describeProblem(networkProblem(), t) // 'The server cannot be reached. Check your connection.'
 */
export function describeProblem(problem: ApiProblem, t: Translate): string {
  const text = t(problemKeys[problem.kind]);
  if (problem.message !== null && addServerMessage.has(problem.kind)) {
    return `${text} ${t('problem.serverSays', { message: problem.message })}`;
  }
  return text;
}
