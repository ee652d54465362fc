import type {
  AlertChannel,
  AlertNotification,
  AlertPolicy,
  AlertPolicyInput,
  AvailabilityReport,
  Command,
  Contact,
  DetectionState,
  EnrollmentToken,
  HotlineReport,
  Incident,
  IncidentDetail,
  LatestMeasurement,
  LoginRequest,
  MaintenanceWindow,
  MaintenanceWindowCreate,
  MeasurementSeries,
  PasswordChange,
  Site,
  SiteAlertSettings,
  SiteCreate,
  SiteCreated,
  SiteDetail,
  SiteGaps,
  SiteUpdate,
  TestSendResult,
  User,
  UserCreate,
  UserCreated,
  UserRole,
} from '@linewatch/shared';
import { setShopTimeZone } from '../i18n/time';
import { ApiRequestError, networkProblem, problemFromResponse } from './errors';

/** Everything the dashboard asks the server, under one prefix (`/api/v1`, same origin, cookie session). */
export const apiBase = '/api/v1';

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Injected in tests; defaults to the browser's `fetch`. */
  fetch?: FetchLike;
  base?: string;
}

interface RequestOptions {
  body?: unknown;
  /**
   * Whether a 401 means "the session ended" (tell the listeners). False for
   * login, where a 401 only means a wrong password.
   */
  session?: boolean;
  /** The answer has no body (204). Otherwise a 2xx without JSON is an error. */
  empty?: boolean;
}

/**
 * The typed API client. Every failure is an {@link ApiRequestError}; a 401 on
 * a session request also notifies the `onUnauthorized` listeners, so one
 * place can send the user back to the login screen.
 *
 * @example
 * const api = createApiClient();
 * api.onUnauthorized(() => showLogin('expired'));
 * const sites = await api.listSites();
 */
export function createApiClient(options: ApiClientOptions = {}) {
  // Wrapped: calling a detached `window.fetch` as a method throws "Illegal invocation".
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = options.base ?? apiBase;
  const unauthorizedListeners = new Set<() => void>();

  async function request<T>(
    method: string,
    path: string,
    { body, session = true, empty = false }: RequestOptions = {},
  ) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(base + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      throw new ApiRequestError(networkProblem());
    }
    const data = await readJson(response);
    if (!response.ok) {
      const problem = problemFromResponse(response.status, data);
      if (problem.kind === 'unauthorized' && session) {
        for (const listener of unauthorizedListeners) listener();
      }
      throw new ApiRequestError(problem);
    }
    if (data === undefined && !empty) {
      // E.g. an HTML page from a misrouted proxy: not an answer we understand.
      throw new ApiRequestError({ ...problemFromResponse(response.status, data), kind: 'unexpected' });
    }
    return data as T;
  }

  return {
    /** Signs in; the server sets the session cookie. A wrong password is a 401 problem. */
    login: (credentials: LoginRequest) =>
      request<{ user: User }>('POST', '/auth/login', { body: credentials, session: false }).then(
        (r) => r.user,
      ),
    logout: () => request<void>('POST', '/auth/logout', { session: false, empty: true }),
    /** The signed-in user; a 401 problem when there is no (longer a) session. */
    me: () =>
      request<{ user: User | null; timeZone?: string }>('GET', '/auth/me').then((r) => {
        if (r.timeZone) setShopTimeZone(r.timeZone);
        return r.user;
      }),
    users: () => request<User[]>('GET', '/users'),
    /** Without a password the server generates one and returns it once. */
    createUser: (body: UserCreate) => request<UserCreated>('POST', '/users', { body }),
    setUserRole: (id: string, role: UserRole) =>
      request<User>('PATCH', `/users/${encodeURIComponent(id)}`, { body: { role } }),
    deleteUser: (id: string) => request<void>('DELETE', `/users/${encodeURIComponent(id)}`, { empty: true }),
    /** Your own password; your other sessions end. A wrong current password is a 403 problem. */
    changePassword: (body: PasswordChange) => request<void>('POST', '/auth/password', { body, empty: true }),
    listSites: () => request<Site[]>('GET', '/sites'),
    /** The site with its agent's facts (version, uptime, backlog, clock). */
    getSite: (id: string) => request<SiteDetail>('GET', `/sites/${encodeURIComponent(id)}`),
    /** The answer carries the one-time `enrollmentToken`: show it once, never store it. */
    createSite: (site: SiteCreate) => request<SiteCreated>('POST', '/sites', { body: site }),
    /** Changes the fields given; the rest stays. */
    updateSite: (id: string, changes: SiteUpdate) =>
      request<Site>('PATCH', `/sites/${encodeURIComponent(id)}`, { body: changes }),
    deleteSite: (id: string) => request<void>('DELETE', `/sites/${encodeURIComponent(id)}`, { empty: true }),
    /** A fresh one-time token for a replaced box; enrolling with it retires the old box. */
    newEnrollmentToken: (id: string) =>
      request<EnrollmentToken>('POST', `/sites/${encodeURIComponent(id)}/enrollment-token`),
    /** The newest probe round; null while nothing is measured yet (204). */
    latest: async (id: string): Promise<LatestMeasurement | null> =>
      (await request<LatestMeasurement | undefined>('GET', `/sites/${encodeURIComponent(id)}/latest`, {
        empty: true,
      })) ?? null,
    /** At most `step` points between `from` and `to` (ISO times). */
    measurements: (id: string, range: { from: string; to: string; step: number }) =>
      request<MeasurementSeries>(
        'GET',
        `/sites/${encodeURIComponent(id)}/measurements?${new URLSearchParams({
          from: range.from,
          to: range.to,
          step: String(range.step),
        })}`,
      ),
    gaps: (id: string) => request<SiteGaps>('GET', `/sites/${encodeURIComponent(id)}/gaps`),
    /** Asks the site's box to run its full check now; `commands(id)` tells where it stands. */
    checkNow: (id: string) =>
      request<Command>('POST', `/sites/${encodeURIComponent(id)}/commands`, { body: { name: 'check_now' } }),
    commands: (id: string) => request<Command[]>('GET', `/sites/${encodeURIComponent(id)}/commands`),
    incidents: (query: { state: 'open' | 'closed' | 'all'; siteId?: string; limit?: number }) =>
      request<Incident[]>('GET', `/incidents?${searchParams(query)}`),
    alertChannels: () => request<AlertChannel[]>('GET', '/alert-channels'),
    /** `body`: `{name, enabled, settings, rateLimitPerHour, monthlyBudget}`; the server validates it. */
    createAlertChannel: (body: Record<string, unknown>) =>
      request<AlertChannel>('POST', '/alert-channels', { body }),
    /** Secrets sent back as shown (`••••`) keep their stored value. */
    updateAlertChannel: (id: string, body: Record<string, unknown>) =>
      request<AlertChannel>('PUT', `/alert-channels/${encodeURIComponent(id)}`, { body }),
    deleteAlertChannel: (id: string) =>
      request<void>('DELETE', `/alert-channels/${encodeURIComponent(id)}`, { empty: true }),
    /** Sends a test message to every target of the channel now; the provider's answer per target. */
    testAlertChannel: (id: string) =>
      request<TestSendResult>('POST', `/alert-channels/${encodeURIComponent(id)}/test`),
    channelNotifications: (id: string) =>
      request<AlertNotification[]>('GET', `/alert-channels/${encodeURIComponent(id)}/notifications?limit=20`),
    alertPolicies: () => request<AlertPolicy[]>('GET', '/alert-policies'),
    createAlertPolicy: (body: AlertPolicyInput) => request<AlertPolicy>('POST', '/alert-policies', { body }),
    updateAlertPolicy: (id: string, body: AlertPolicyInput) =>
      request<AlertPolicy>('PUT', `/alert-policies/${encodeURIComponent(id)}`, { body }),
    deleteAlertPolicy: (id: string) =>
      request<void>('DELETE', `/alert-policies/${encodeURIComponent(id)}`, { empty: true }),
    siteAlertSettings: (siteId: string) =>
      request<SiteAlertSettings>('GET', `/sites/${encodeURIComponent(siteId)}/alert-settings`),
    putSiteAlertSettings: (siteId: string, body: SiteAlertSettings) =>
      request<SiteAlertSettings>('PUT', `/sites/${encodeURIComponent(siteId)}/alert-settings`, { body }),
    /** Whether silent boxes count as down now, or the server looks cut off itself. */
    detection: () => request<DetectionState>('GET', '/detection'),
    contacts: () => request<Contact[]>('GET', '/contacts'),
    createContact: (body: Record<string, unknown>) => request<Contact>('POST', '/contacts', { body }),
    updateContact: (id: string, body: Record<string, unknown>) =>
      request<Contact>('PUT', `/contacts/${encodeURIComponent(id)}`, { body }),
    deleteContact: (id: string) =>
      request<void>('DELETE', `/contacts/${encodeURIComponent(id)}`, { empty: true }),
    availability: (month: string) =>
      request<AvailabilityReport>('GET', `/reports/availability?month=${encodeURIComponent(month)}`),
    incident: (id: string) => request<IncidentDetail>('GET', `/incidents/${encodeURIComponent(id)}`),
    acknowledge: (id: string) =>
      request<Incident>('POST', `/incidents/${encodeURIComponent(id)}/acknowledge`),
    addNote: (id: string, text: string) =>
      request<Incident>('POST', `/incidents/${encodeURIComponent(id)}/notes`, { body: { text } }),
    enterTicket: (id: string, ticket: { carrier: string; number: string; reportedAt?: string }) =>
      request<Incident>('POST', `/incidents/${encodeURIComponent(id)}/ticket`, { body: ticket }),
    resolve: (id: string, note?: string) =>
      request<Incident>('POST', `/incidents/${encodeURIComponent(id)}/resolve`, {
        body: note ? { note } : {},
      }),
    hotlineReport: (id: string, lang: 'de' | 'en') =>
      request<HotlineReport>('GET', `/incidents/${encodeURIComponent(id)}/report?lang=${lang}&format=json`),
    maintenanceWindows: () => request<MaintenanceWindow[]>('GET', '/maintenance-windows'),
    createMaintenanceWindow: (window: MaintenanceWindowCreate) =>
      request<MaintenanceWindow>('POST', '/maintenance-windows', { body: window }),
    deleteMaintenanceWindow: (id: string) =>
      request<void>('DELETE', `/maintenance-windows/${encodeURIComponent(id)}`, { empty: true }),
    /** Calls `listener` whenever a session request gets a 401. Returns the unsubscribe function. */
    onUnauthorized(listener: () => void): () => void {
      unauthorizedListeners.add(listener);
      return () => unauthorizedListeners.delete(listener);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A query string of the defined values. @example searchParams({ state: 'open', siteId: undefined }) // 'state=open' */
export function searchParams(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

/** The parsed body, or undefined when it is empty or not JSON (a 204, a proxy's HTML page). */
async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
