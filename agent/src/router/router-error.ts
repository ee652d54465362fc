import type { RouterFindingCode } from '@linewatch/shared';

/** A UPnP error from an `s:Fault` (UPnP Device Architecture 1.0 §3.2.2, TR-064 §3.3). */
export interface UpnpError {
  code: number;
  description: string;
}

/**
 * The one error class of the router clients: a failure already classified as
 * the shared {@link RouterFindingCode} a technician can act on. Everything the
 * clients throw on purpose is a `RouterError`; `readRouter` turns each one into
 * a `RouterFinding` and never lets it escape.
 *
 * @example
 * throw new RouterError('auth_failed', 'HTTP 401 after digest login');
 */
export class RouterError extends Error {
  readonly finding: RouterFindingCode;
  /** HTTP status of the answer, when there was one. */
  readonly status: number | null;
  /** The UPnP error of a SOAP fault, when there was one. */
  readonly upnp: UpnpError | null;

  constructor(
    finding: RouterFindingCode,
    message: string,
    options: { status?: number; upnp?: UpnpError; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'RouterError';
    this.finding = finding;
    this.status = options.status ?? null;
    this.upnp = options.upnp ?? null;
  }
}

/**
 * The finding for a UPnP error code (fritzconnection `core/exceptions.py`, AVM
 * "TR-064 First Steps"): 606 means logged in but without the right; 867 is
 * AVM's "blocked"; every other fault means this action gave nothing.
 *
 * @example
 * findingForUpnpError(606) // 'permission_denied'
 */
export function findingForUpnpError(code: number): RouterFindingCode {
  if (code === 606 || code === 866 || code === 868) return 'permission_denied';
  if (code === 867) return 'auth_blocked';
  return 'action_not_supported';
}
