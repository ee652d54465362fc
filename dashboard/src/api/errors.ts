/**
 * API failures, sorted into the few kinds a shop owner can be told about.
 * The server answers every error with `{error:{code,message,issues?}}`
 * (`ApiError` in `@linewatch/shared`); this module reads that leniently, so a
 * proxy's HTML error page or an empty body still becomes a sensible problem.
 */

export const problemKinds = [
  'network',
  'unauthorized',
  'forbidden',
  'notFound',
  'invalid',
  'conflict',
  'gone',
  'rateLimited',
  'unavailable',
  'server',
  'unexpected',
] as const;
export type ProblemKind = (typeof problemKinds)[number];

/** One offending field of a rejected body. `path` is dotted: `contract.downMbps`. */
export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiProblem {
  kind: ProblemKind;
  /** HTTP status; null when no answer came back at all. */
  status: number | null;
  /** The server's machine-readable code, e.g. `invalid_credentials`. */
  code: string | null;
  /** The server's own sentence (English; for technicians and logs). */
  message: string | null;
  issues: ApiIssue[];
}

/** The one error class the API client throws. */
export class ApiRequestError extends Error {
  readonly problem: ApiProblem;

  constructor(problem: ApiProblem) {
    super(
      problem.message ?? `API request failed: ${problem.kind}${problem.status ? ` (${problem.status})` : ''}`,
    );
    this.name = 'ApiRequestError';
    this.problem = problem;
  }
}

/**
 * @example kindForStatus(401) // 'unauthorized'
 */
export function kindForStatus(status: number): ProblemKind {
  switch (status) {
    case 400:
    case 422:
      return 'invalid';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 409:
      return 'conflict';
    case 410:
      return 'gone';
    case 429:
      return 'rateLimited';
    // Gateways and proxies (including Vite's dev proxy) answer these when the server is not running.
    case 502:
    case 503:
    case 504:
      return 'unavailable';
  }
  return status >= 500 ? 'server' : 'unexpected';
}

/** The problem for a request that got no answer (offline, DNS, refused, CORS). */
export function networkProblem(): ApiProblem {
  return { kind: 'network', status: null, code: null, message: null, issues: [] };
}

/**
 * Reads an error answer. `body` is the parsed JSON, or undefined if there was none.
 *
 * @example
 * problemFromResponse(400, { error: { code: 'invalid_body', message: 'Bad', issues: [{ path: 'name', message: 'Required' }] } })
 * // { kind: 'invalid', status: 400, code: 'invalid_body', message: 'Bad', issues: [{ path: 'name', message: 'Required' }] }
 */
export function problemFromResponse(status: number, body: unknown): ApiProblem {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  return {
    kind: kindForStatus(status),
    status,
    code: typeof error.code === 'string' ? error.code : null,
    message: typeof error.message === 'string' && error.message !== '' ? error.message : null,
    issues: Array.isArray(error.issues) ? error.issues.flatMap(readIssue) : [],
  };
}

function readIssue(issue: unknown): ApiIssue[] {
  if (!isRecord(issue) || typeof issue.message !== 'string') return [];
  return [{ path: issuePath(issue.path), message: issue.message }];
}

/** Accepts `'contract.downMbps'`, `'/contract/downMbps'` or zod's `['contract', 'downMbps']`. */
export function issuePath(path: unknown): string {
  if (Array.isArray(path)) return path.map(String).join('.');
  if (typeof path !== 'string') return '';
  return path.replace(/^[$/.]+/, '').replace(/\//g, '.');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
