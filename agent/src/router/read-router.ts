import { Agent } from 'node:http';
import { type RouterFindingCode, RouterStatus, type RouterWan } from '@linewatch/shared';
import { type ByteCounterMemory, createByteCounterMemory } from './byte-counters.js';
import { addFinding, outOfTime, type ReadContext, type RouterDraft } from './context.js';
import { timeLimit } from './deadline.js';
import { type DeviceDescription, fetchDescription, findService } from './description.js';
import { DigestSession } from './digest.js';
import type { Endpoint } from './http.js';
import { readIgd } from './igd.js';
import { RouterError } from './router-error.js';
import { discoverTarget, type RouterTarget, targetAt } from './target.js';
import { checkTr064WithoutLogin, readTr064 } from './tr064.js';
import { type CounterSource, readByteCounters } from './wan.js';

export interface ReadRouterOptions {
  /** Host name or IP (IPv6 without brackets); null finds the router by SSDP. */
  address: string | null;
  /** TR-064/IGD HTTP port; null or absent = 49000 (FRITZ!Box). */
  port?: number | null;
  /** TR-064 login; without a password only the unauthenticated parts and IGD are read. */
  user?: string | null;
  password?: string | null;
  /** Overall deadline of the whole read, ms. */
  timeoutMs?: number;
  /** Longest wait for one request, ms. */
  callTimeoutMs?: number;
  /** Where M-SEARCH goes when `address` is null (tests point it at a loopback emulator). */
  ssdp?: { address: string; port: number; timeoutMs?: number };
  /** Keep across rounds so 32-bit byte counters are unwrapped (see `byte-counters.ts`). */
  counters?: ByteCounterMemory;
  signal?: AbortSignal;
}

export const defaultReadRouterOptions = {
  port: 49000,
  /** A probe round must not wait longer for the router. */
  timeoutMs: 5000,
  /** A FRITZ!Box answers GetInfo with its event log in ~1 s. */
  callTimeoutMs: 3000,
  /** MX 2 spreads answers over 2 s (UDA 1.1 §1.3.3). */
  ssdpTimeoutMs: 2500,
  /** The FRITZ!OS < 7.24 default TR-064 user (fritzconnection), when only a password is set. */
  user: 'dslf-config',
} as const;

type Loaded = { description: DeviceDescription } | { error: RouterError } | { skipped: true };

async function load(ctx: ReadContext, location: Endpoint): Promise<Loaded> {
  if (outOfTime(ctx)) return { skipped: true };
  const limit = timeLimit(ctx.callTimeoutMs, ctx.signal);
  try {
    return { description: await fetchDescription(location, { signal: limit.signal, agent: ctx.agent }) };
  } catch (error) {
    return {
      error: error instanceof RouterError ? error : new RouterError('invalid_response', String(error)),
    };
  } finally {
    limit.clear();
  }
}

const hasWan = (wan: RouterWan | null) =>
  wan !== null &&
  (wan.physicalLinkStatus !== null || wan.connectionStatus !== null || wan.accessType !== null);

/**
 * Turns failed description fetches into findings: nothing on the port at
 * all is `no_router_api`; a missing `tr64desc.xml` is TR-064 switched off
 * ("Zugriff für Anwendungen zulassen"); a missing `igddesc.xml` is UPnP
 * status switched off ("Statusinformationen über UPnP übertragen"), worth
 * saying only when the IGD was needed.
 */
function noteDescriptions(
  ctx: ReadContext,
  target: RouterTarget,
  tr64: Loaded,
  igd: Loaded | null,
  igdNeeded: boolean,
) {
  const error = (l: Loaded | null) => (l !== null && 'error' in l ? l.error : null);
  const e1 = error(tr64);
  const e2 = error(igd);
  const where = `${target.host}:${target.tr064.port}`;
  if (
    e1?.finding === 'no_router_api' &&
    (igd === null || 'skipped' in igd || e2?.finding === 'no_router_api')
  ) {
    addFinding(ctx, 'no_router_api', 'router', `nothing answers on ${where} (${e1.message})`);
    return;
  }
  const describe = (subject: string, e: RouterError, off: RouterFindingCode, setting: string) => {
    if (e.status === 404 || e.finding === 'no_router_api') {
      addFinding(ctx, off, subject, `${e.message}: "${setting}" is off in the router`);
    } else if (e.finding === 'timeout' && ctx.signal.aborted) {
      addFinding(ctx, 'timeout', subject, `no answer before the router read deadline (${ctx.deadlineMs} ms)`);
    } else addFinding(ctx, e.finding, subject, e.message);
  };
  if (e1) describe('TR-064 description', e1, 'tr064_disabled', 'Zugriff für Anwendungen zulassen');
  if (e2 && igdNeeded) {
    describe('UPnP IGD description', e2, 'upnp_disabled', 'Statusinformationen über UPnP übertragen');
  }
}

/** The read itself; fills `draft` and `ctx.findings` step by step. */
async function readInto(
  ctx: ReadContext,
  draft: RouterDraft,
  options: ReadRouterOptions,
  memory: ByteCounterMemory,
) {
  const port = options.port ?? defaultReadRouterOptions.port;
  const target =
    options.address === null
      ? await discoverTarget(ctx, {
          address: options.ssdp?.address,
          port: options.ssdp?.port,
          timeoutMs: options.ssdp?.timeoutMs ?? defaultReadRouterOptions.ssdpTimeoutMs,
        })
      : targetAt(options.address, port);
  if (target === null) return;
  draft.address = target.host.slice(0, 64);

  // 1. TR-064: the description (model, firmware without login), then the actions.
  const tr64 = await load(ctx, target.tr064);
  const tr64Description = 'description' in tr64 ? tr64.description : null;
  if (tr64Description !== null) {
    draft.model = tr64Description.modelName?.slice(0, 100) ?? null;
    draft.firmware = tr64Description.firmware?.slice(0, 100) ?? null;
    if (ctx.digest !== null) await readTr064(ctx, tr64Description, draft);
    else await checkTr064WithoutLogin(ctx, tr64Description);
  }

  // 2. IGD: the WAN figures when TR-064 gave none, and AVM's 64-bit counters either way.
  const igdNeeded = !hasWan(draft.wan);
  const igd =
    'error' in tr64 && tr64.error.finding === 'no_router_api' && target.igd.port === target.tr064.port
      ? null
      : await load(ctx, target.igd);
  const igdDescription = igd !== null && 'description' in igd ? igd.description : null;
  if (igdDescription !== null && igdNeeded) await readIgd(ctx, igdDescription, draft);
  noteDescriptions(ctx, target, tr64, igd, igdNeeded);

  // 3. Byte counters: IGD GetAddonInfos (64-bit), else the ui4 totals of either interface.
  if (draft.wan === null) return;
  const sources: CounterSource[] = [];
  const igdCommon = igdDescription && findService(igdDescription, 'WANCommonInterfaceConfig');
  const tr64Common = tr64Description && findService(tr64Description, 'WANCommonInterfaceConfig');
  if (igdCommon) sources.push({ api: 'UPnP IGD', service: igdCommon, kind: 'addon' });
  if (tr64Common && ctx.digest !== null && !ctx.loginRefused) {
    sources.push({ api: 'TR-064', service: tr64Common, kind: 'total' });
  }
  if (igdCommon) sources.push({ api: 'UPnP IGD', service: igdCommon, kind: 'total' });
  const uptime = draft.uptimeSeconds ?? draft.wan.uptimeSeconds;
  await readByteCounters(ctx, sources, memory, uptime, draft.wan);
}

/** A copy of what was read so far, fit for the shared schema. */
function snapshot(draft: RouterDraft, ctx: ReadContext): RouterStatus {
  const status = structuredClone({ ...draft, findings: ctx.findings });
  if (status.wan !== null && Object.values(status.wan).every((v) => v === null)) status.wan = null;
  const checked = RouterStatus.safeParse(status);
  if (checked.success) return checked.data;
  return {
    ...status,
    wan: null,
    dsl: null,
    log: [],
    findings: [
      { code: 'invalid_response', subject: 'router read', detail: checked.error.message.slice(0, 500) },
    ],
  };
}

/**
 * Reads the router's own view of the line: TR-064 with the digest login
 * when a password is given (else its unauthenticated parts), UPnP IGD for
 * what TR-064 did not give. Every failure becomes a `RouterFinding`, and
 * every action that answered keeps its figures. Never throws; returns by
 * the deadline (`timeoutMs`, default 5 s) even if the router stalls.
 *
 * @example
 * const counters = createByteCounterMemory(); // keep across rounds
 * await readRouter({ address: '192.168.178.1', user: 'admin', password: 'secret', counters })
 * // { address: '192.168.178.1', protocol: 'tr064', model: 'FRITZ!Box 7590', dsl: { status: 'Up', … }, findings: [], … }
 */
export async function readRouter(options: ReadRouterOptions): Promise<RouterStatus> {
  const deadlineMs = options.timeoutMs ?? defaultReadRouterOptions.timeoutMs;
  const limit = timeLimit(deadlineMs, options.signal);
  const deadline = limit.signal;
  const password = options.password ?? '';
  const ctx: ReadContext = {
    signal: deadline,
    deadlineMs,
    callTimeoutMs: Math.min(options.callTimeoutMs ?? defaultReadRouterOptions.callTimeoutMs, deadlineMs),
    // One small pool per read, destroyed at the end: no socket outlives a read.
    agent: new Agent({ keepAlive: true, maxSockets: 2 }),
    digest:
      password === '' ? null : new DigestSession(options.user || defaultReadRouterOptions.user, password),
    loginRefused: false,
    findings: [],
  };
  const draft: RouterDraft = {
    address: options.address?.slice(0, 64) ?? null,
    protocol: null,
    model: null,
    firmware: null,
    uptimeSeconds: null,
    wan: null,
    dsl: null,
    log: [],
  };
  const work = readInto(ctx, draft, options, options.counters ?? createByteCounterMemory()).catch((error) =>
    addFinding(ctx, 'invalid_response', 'router read', String(error)),
  );
  let onDeadline = () => {};
  // After the deadline, requests in flight get 50 ms to record their timeout; then answer regardless.
  const late = new Promise<void>((resolve) => {
    onDeadline = () => setTimeout(resolve, 50);
    deadline.addEventListener('abort', onDeadline, { once: true });
  });
  try {
    await Promise.race([work, late]);
    if (deadline.aborted && !ctx.findings.some((f) => f.code === 'timeout')) {
      addFinding(ctx, 'timeout', 'router read', `the router read deadline (${deadlineMs} ms) passed`);
    }
    return snapshot(draft, ctx);
  } finally {
    limit.clear();
    deadline.removeEventListener('abort', onDeadline);
    ctx.agent.destroy();
  }
}
