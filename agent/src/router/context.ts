import type { Agent } from 'node:http';
import type { RouterFinding, RouterFindingCode, RouterStatus } from '@linewatch/shared';
import { timeLimit } from './deadline.js';
import type { ServiceInfo } from './description.js';
import type { DigestSession } from './digest.js';
import { RouterError } from './router-error.js';
import { callAction, defaultSoapMaxBytes } from './soap.js';

/** Which interface a call goes to; its name starts every finding's subject. */
export type ApiLabel = 'TR-064' | 'UPnP IGD';

/** The parts of a {@link RouterStatus} the readers fill in, step by step, so a deadline keeps them. */
export type RouterDraft = Omit<RouterStatus, 'findings'>;

/** The state of one router read, shared by the TR-064 and IGD readers. */
export interface ReadContext {
  /** Fires at the overall deadline; every request is cut off by it. */
  signal: AbortSignal;
  deadlineMs: number;
  /** Longest wait for one request, ms (the deadline still wins). */
  callTimeoutMs: number;
  agent: Agent;
  /** TR-064 login, null without credentials. */
  digest: DigestSession | null;
  /** Set when the TR-064 login was refused: further tries would only count as more failed logins. */
  loginRefused: boolean;
  findings: RouterFinding[];
  maxBytes?: number;
}

const maxFindings = 20;

/** Records a finding once per code and subject, at most 20 (the schema's limit). */
export function addFinding(ctx: ReadContext, code: RouterFindingCode, subject: string, detail: string): void {
  if (ctx.findings.some((f) => f.code === code && f.subject === subject)) return;
  if (ctx.findings.length >= maxFindings) return;
  ctx.findings.push({ code, subject: subject.slice(0, 200), detail: detail.slice(0, 500) });
}

/** Records a failed step, calling a cut-off by the overall deadline what it is. */
export function noteError(ctx: ReadContext, subject: string, error: RouterError): void {
  const detail =
    error.finding === 'timeout' && ctx.signal.aborted
      ? `no answer before the router read deadline (${ctx.deadlineMs} ms)`
      : error.message;
  addFinding(ctx, error.finding, subject, detail);
}

/** The subject of a finding about one action, e.g. `TR-064 WANDSLInterfaceConfig:GetInfo`. */
export function actionSubject(api: ApiLabel, service: ServiceInfo | string, action: string): string {
  const type = typeof service === 'string' ? service : service.serviceType;
  const parts = type.split(':');
  return `${api} ${parts.length >= 5 ? parts[3] : type}:${action}`;
}

/** True once nothing more should be asked: the deadline passed. */
export function outOfTime(ctx: ReadContext): boolean {
  return ctx.signal.aborted;
}

/** An action's answer, or why there is none; `skipped` when it was not even sent. */
export type Outcome =
  | { ok: true; args: Record<string, string> }
  | { ok: false; error: RouterError; skipped: boolean };

/**
 * Invokes one action within the read's deadline and the per-call timeout,
 * returning the outcome instead of throwing. TR-064 calls carry the digest
 * login; after a refused login they are not sent at all.
 *
 * @example
 * const out = await invoke(ctx, 'TR-064', dslService, 'GetInfo');
 * if (out.ok) out.args.NewStatus // 'Up'
 */
export async function invoke(
  ctx: ReadContext,
  api: ApiLabel,
  service: ServiceInfo,
  action: string,
): Promise<Outcome> {
  if (outOfTime(ctx)) return { ok: false, error: new RouterError('timeout', 'no time left'), skipped: true };
  if (api === 'TR-064' && ctx.loginRefused) {
    return { ok: false, error: new RouterError('auth_failed', 'login refused earlier'), skipped: true };
  }
  const limit = timeLimit(ctx.callTimeoutMs, ctx.signal);
  try {
    const args = await callAction(
      { endpoint: service.control, serviceType: service.serviceType, action },
      {
        signal: limit.signal,
        agent: ctx.agent,
        digest: api === 'TR-064' ? ctx.digest : null,
        maxBytes: ctx.maxBytes ?? defaultSoapMaxBytes,
      },
    );
    return { ok: true, args };
  } catch (error) {
    const routerError =
      error instanceof RouterError
        ? error
        : new RouterError('invalid_response', String(error), { cause: error });
    if (api === 'TR-064' && ['auth_failed', 'auth_blocked', 'auth_required'].includes(routerError.finding)) {
      ctx.loginRefused = true;
    }
    return { ok: false, error: routerError, skipped: false };
  } finally {
    limit.clear();
  }
}

/**
 * {@link invoke} that records a failure as a finding and gives null, for the
 * many steps whose failure only leaves their fields unknown.
 */
export async function call(
  ctx: ReadContext,
  api: ApiLabel,
  service: ServiceInfo | undefined,
  action: string,
): Promise<Record<string, string> | null> {
  if (service === undefined) return null;
  const out = await invoke(ctx, api, service, action);
  if (out.ok) return out.args;
  if (!out.skipped) noteError(ctx, actionSubject(api, service, action), out.error);
  return null;
}
