import type { Agent } from 'node:http';
import { type DigestSession, parseChallenge } from './digest.js';
import { type Endpoint, type HttpResponse, httpRequest } from './http.js';
import { findingForUpnpError, RouterError, type UpnpError } from './router-error.js';
import { child, childText, parseXml, type XmlValue, xmlEscape } from './xml.js';

/** One UPnP/TR-064 action to invoke. */
export interface SoapCall {
  /** The router and the service's control URL (from the description, never hard-coded). */
  endpoint: Endpoint;
  /** e.g. `urn:dslforum-org:service:WANDSLInterfaceConfig:1`. */
  serviceType: string;
  action: string;
  args?: Record<string, string>;
}

export interface SoapOptions {
  signal: AbortSignal;
  /** Largest answer accepted, bytes (a FRITZ!Box event log is ~50 KB). */
  maxBytes?: number;
  agent?: Agent;
  /** TR-064 login; null or absent for UPnP IGD, which has none. */
  digest?: DigestSession | null;
}

export const defaultSoapMaxBytes = 1 << 20;

/**
 * The request envelope of UPnP Device Architecture 1.0 §3.2.1, the same for
 * IGD and TR-064 (DOMAIN.md §1).
 *
 * @example
 * soapEnvelope('urn:schemas-upnp-org:service:WANIPConnection:1', 'GetStatusInfo')
 * // '<?xml version="1.0" encoding="utf-8"?>\n<s:Envelope …><s:Body><u:GetStatusInfo xmlns:u="…"></u:GetStatusInfo></s:Body></s:Envelope>'
 */
export function soapEnvelope(serviceType: string, action: string, args: Record<string, string> = {}): string {
  const body = Object.entries(args)
    .map(([name, value]) => `<${name}>${xmlEscape(value)}</${name}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
    's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">\n' +
    `<s:Body><u:${action} xmlns:u="${xmlEscape(serviceType)}">${body}</u:${action}></s:Body></s:Envelope>`
  );
}

/**
 * The UPnP error inside an `s:Fault` (`detail/UPnPError` in either
 * `urn:schemas-upnp-org:control-1-0` or `urn:dslforum-org:control-1-0`;
 * prefixes and namespaces are ignored), or null when there is no fault.
 * A fault without a UPnPError gets code 0.
 *
 * @example
 * parseSoapFault(faultXml) // { code: 714, description: 'NoSuchEntryInArray' }
 */
export function parseSoapFault(body: XmlValue | undefined): UpnpError | null {
  const fault = child(body, 'Fault');
  if (fault === undefined) return null;
  const upnp = child(child(fault, 'detail'), 'UPnPError');
  const code = Number(childText(upnp, 'errorCode') ?? Number.NaN);
  const description = childText(upnp, 'errorDescription') ?? childText(fault, 'faultstring') ?? '';
  return { code: Number.isInteger(code) ? code : 0, description };
}

function faultError(fault: UpnpError, status: number): RouterError {
  const text =
    fault.code === 0 ? `SOAP fault ${fault.description}` : `UPnP error ${fault.code} ${fault.description}`;
  return new RouterError(findingForUpnpError(fault.code), text.trim(), { status, upnp: fault });
}

/**
 * The output arguments of `<u:{action}Response>` as text (UPnP values are
 * typed in the SCPD, which this client does not fetch; callers convert).
 *
 * @throws RouterError the fault's finding for an `s:Fault`, `invalid_response` for anything else.
 * @example
 * parseSoapResponse(xml, 'GetStatusInfo') // { NewConnectionStatus: 'Connected', NewLastConnectionError: 'ERROR_NONE', NewUptime: '793440' }
 */
export function parseSoapResponse(xml: string, action: string, status = 200): Record<string, string> {
  const body = child(child(parseXml(xml), 'Envelope'), 'Body');
  if (body === undefined) throw new RouterError('invalid_response', 'no SOAP Envelope/Body', { status });
  const fault = parseSoapFault(body);
  if (fault !== null) throw faultError(fault, status);
  const response = child(body, `${action}Response`);
  if (response === undefined) throw new RouterError('invalid_response', `no ${action}Response`, { status });
  const args: Record<string, string> = {};
  if (typeof response === 'object' && !Array.isArray(response)) {
    for (const [name, value] of Object.entries(response)) if (typeof value === 'string') args[name] = value;
  }
  return args;
}

/** Maps a non-200 answer to its error: a fault (HTTP 500), 503, 404 or anything else. */
function statusError(res: HttpResponse): RouterError {
  if (res.status === 503) {
    return new RouterError('auth_blocked', 'HTTP 503: login blocked after failed attempts', { status: 503 });
  }
  if (res.status === 404) return new RouterError('action_not_supported', 'HTTP 404', { status: 404 });
  let fault: UpnpError | null = null;
  try {
    fault = parseSoapFault(child(child(parseXml(res.body), 'Envelope'), 'Body'));
  } catch {
    // Not XML: reported below as the bare status.
  }
  if (fault !== null) return faultError(fault, res.status);
  return new RouterError('invalid_response', `HTTP ${res.status}`, { status: res.status });
}

/**
 * Invokes one action and returns its output arguments. With a
 * {@link DigestSession} a 401 is answered once with credentials: on first
 * contact, when the router marks the nonce `stale`, or when it replaced the
 * nonce we reused; a 401 to a freshly challenged request is a wrong login.
 *
 * @throws RouterError `auth_required` (401, no login), `auth_failed`
 *   (401 after digest), `auth_blocked` (503), a fault's finding, `timeout`,
 *   `no_router_api` or `invalid_response`.
 * @example
 * await callAction({ endpoint: { host: '192.168.178.1', port: 49000, path: '/upnp/control/deviceinfo' },
 *   serviceType: 'urn:dslforum-org:service:DeviceInfo:1', action: 'GetSecurityPort' }, { signal })
 * // { NewSecurityPort: '49443' }
 */
export async function callAction(call: SoapCall, options: SoapOptions): Promise<Record<string, string>> {
  const { endpoint, serviceType, action } = call;
  const digest = options.digest ?? null;
  const envelope = soapEnvelope(serviceType, action, call.args);
  const post = (authorization: string | null) =>
    httpRequest({
      ...endpoint,
      method: 'POST',
      headers: {
        'Content-Type': 'text/xml; charset="utf-8"',
        SOAPACTION: `"${serviceType}#${action}"`,
        ...(authorization === null ? {} : { Authorization: authorization }),
      },
      body: envelope,
      signal: options.signal,
      maxBytes: options.maxBytes ?? defaultSoapMaxBytes,
      agent: options.agent,
    });

  const sentNonce = digest?.nonce ?? null;
  let res = await post(digest?.authorize('POST', endpoint.path) ?? null);
  if (res.status === 401) {
    if (digest === null) throw new RouterError('auth_required', 'HTTP 401: login required', { status: 401 });
    const challenge = parseChallenge(res.headers['www-authenticate']);
    if (challenge === null) {
      throw new RouterError('auth_failed', 'HTTP 401 without a usable Digest challenge', { status: 401 });
    }
    const retry = sentNonce === null || challenge.stale || challenge.nonce !== sentNonce;
    if (!retry) throw new RouterError('auth_failed', 'HTTP 401: login refused', { status: 401 });
    digest.useChallenge(challenge);
    res = await post(digest.authorize('POST', endpoint.path));
    if (res.status === 401) throw new RouterError('auth_failed', 'HTTP 401: login refused', { status: 401 });
  }
  if (res.status !== 200) throw statusError(res);
  return parseSoapResponse(res.body, action);
}
