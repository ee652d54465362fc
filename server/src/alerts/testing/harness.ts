import {
  type AlertPolicyInput,
  type Cause,
  ChannelSettings,
  type NotificationKind,
  type SiteStatus,
} from '@linewatch/shared';
import pino from 'pino';
import { defaultIncidentConfig } from '../../incidents/config.js';
import { createIncidentProcessor, type IncidentProcessor } from '../../incidents/processor.js';
import { createStore, openDb, type Store } from '../../store/index.js';
import { type AlertConfig, defaultAlertConfig } from '../config.js';
import type { Timers } from '../dispatcher.js';
import { type Alerts, createAlerts } from '../index.js';
import { emailSettingsFromUrl } from '../smtp-url.js';
import type { StoredChannel } from '../store/channels.js';
import type { NotificationRow } from '../store/notifications.js';
import {
  type ProviderServer,
  providerReplies,
  type RecordedRequest,
  startProviderServer,
} from './provider-server.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

/**
 * A whole alert pipeline for tests: an in-memory (or file) store, the real
 * incident processor feeding the real planner, the dispatcher with an
 * injected clock, and real channels talking to loopback servers (an SMTP
 * sink and a provider server that answers like sipgate, seven.io, Twilio
 * and webhooks by path). Nothing of the channel code is stubbed.
 */

export const start = Date.parse('2026-03-02T10:00:00Z'); // Monday, 11:00 in Berlin
export const minute = 60_000;

/** The provider server's default answer: by path, what that provider says on success. */
export function replyByPath(req: RecordedRequest) {
  if (req.path === '/v2/sessions/sms') return providerReplies.sipgate();
  if (req.path === '/api/sms') return providerReplies.seven(req);
  if (req.path.includes('/Messages.json')) return providerReplies.twilio(req);
  return providerReplies.webhook();
}

export interface HarnessOptions {
  config?: Partial<AlertConfig>;
  /** A database file instead of memory (to reopen it, as after a crash). */
  path?: string;
  /** An existing SMTP sink and provider server to reuse (a restarted server). */
  sink?: SmtpSink;
  provider?: ProviderServer;
  now?: number;
  /** Deadline of one provider request; default 3 s (short, for tests that make a provider hang). */
  timeoutMs?: number;
  /** The dispatcher's timers; default none (tests send what is due with `run()`). */
  timers?: Timers;
}

export interface Harness {
  store: Store;
  alerts: Alerts;
  processor: IncidentProcessor;
  orgId: string;
  sink: SmtpSink;
  provider: ProviderServer;
  clock: { now(): number; set(ms: number): void; advance(ms: number): void };
  site(name: string, o?: { carrier?: string; postcode?: string; business?: boolean }): string;
  /** Records a status change as the detector would, and lets the incident processor run. */
  transition(siteId: string, to: SiteStatus, cause?: Cause | null): void;
  /** Advances the clock and lets the processor's time-based steps run. */
  tick(ms: number): void;
  /** Sends what is due now. */
  run(): Promise<number>;
  channel(
    name: string,
    settings: unknown,
    o?: { rateLimitPerHour?: number; monthlyBudget?: number },
  ): StoredChannel;
  policy(p: Partial<AlertPolicyInput> & { channelId: string }): string;
  rows(kind?: NotificationKind): NotificationRow[];
  openIncidents(): { id: string; kind: string; site_id: string | null; parent_id: string | null }[];
  close(opts?: { keepServers?: boolean }): Promise<void>;
}

export async function alertHarness(o: HarnessOptions = {}): Promise<Harness> {
  const store = createStore(openDb(o.path ?? ':memory:'));
  const orgId = store.users.defaultOrgId(0);
  let now = o.now ?? start;
  const clock = {
    now: () => now,
    set(ms: number) {
      now = ms;
    },
    advance(ms: number) {
      now += ms;
    },
  };
  const sink = o.sink ?? (await startSmtpSink());
  const provider = o.provider ?? (await startProviderServer(replyByPath));
  const config: AlertConfig = {
    ...defaultAlertConfig,
    publicUrl: 'https://lw.example',
    defaultEmail: emailSettingsFromUrl(`smtp://127.0.0.1:${sink.port}`, 'linewatch <alerts@shop.example>', [
      'ops@shop.example',
    ]),
    ...o.config,
  };
  const log = pino({ level: 'silent' });
  const alerts = createAlerts({
    store,
    config,
    log,
    now: clock.now,
    channelDeps: { baseUrl: provider.url, timeoutMs: o.timeoutMs ?? 3000, now: clock.now },
    timers: o.timers ?? { set: () => null, clear: () => {} },
  });
  const processor = createIncidentProcessor({
    store,
    now: clock.now,
    config: defaultIncidentConfig,
    log,
    onChange: () => {},
    onEvent: alerts.onEvent,
  });

  return {
    store,
    alerts,
    processor,
    orgId,
    sink,
    provider,
    clock,
    site(name, s = {}) {
      return store.sites.create(
        orgId,
        {
          name,
          customer: `Kunde ${name}`,
          address: `Hauptstraße 1, ${s.postcode ?? '10115'} Berlin`,
          carrier: s.carrier ?? 'Telekom',
          accessType: 'dsl',
          contract: { downMbps: 100, upMbps: 40 },
          business: s.business ?? false,
        },
        0,
      ).id;
    },
    transition(siteId, to, cause = null) {
      const row = store.sites.getById(siteId);
      if (!row) throw new Error('no such site');
      store.tx(() => {
        store.sites.setStatus(siteId, { status: to, cause, since: now, lastSeenAt: now, downAfter: null });
        store.transitions.insert(
          { siteId, orgId, from: row.status, to, fromCause: row.cause, cause, reason: 'test', at: now },
          now,
        );
      });
      processor.process();
    },
    tick(ms) {
      now += ms;
      processor.tick();
    },
    run: () => alerts.dispatcher.runDue(),
    channel(name, settings, l = {}) {
      return alerts.alertStore.channels.create(
        orgId,
        {
          name,
          enabled: true,
          settings: ChannelSettings.parse(settings),
          rateLimitPerHour: l.rateLimitPerHour ?? null,
          monthlyBudget: l.monthlyBudget ?? null,
        },
        now,
      );
    },
    policy(p) {
      return alerts.alertStore.policies.create(
        orgId,
        {
          name: 'policy',
          scope: 'all',
          scopeValue: null,
          enabled: true,
          minSeverity: 'down',
          causes: null,
          quietHours: null,
          escalation: null,
          reminders: null,
          language: 'de',
          ...p,
        },
        now,
      ).id;
    },
    rows(kind) {
      const all = store.db.prepare<[], NotificationRow>('SELECT * FROM notifications ORDER BY id').all();
      return kind ? all.filter((r) => r.kind === kind) : all;
    },
    openIncidents: () => store.incidents.list(orgId, { state: 'open', limit: 1000 }),
    async close(c = {}) {
      await alerts.stop();
      store.close();
      if (!c.keepServers) {
        if (!o.sink) await sink.close();
        if (!o.provider) await provider.close();
      }
    },
  };
}

/** sipgate settings aimed at the harness's provider server. */
export const sipgate = (recipients = ['+4915790123456']) => ({
  type: 'sipgate',
  tokenId: 'token-ABC123',
  token: 'secret-token',
  smsId: 's0',
  recipients,
});

/** Webhook settings aimed at the harness's provider server. */
export const webhook = (url: string) => ({
  type: 'webhook',
  url: `${url}/hook`,
  secret: 'a-webhook-secret-1234',
});
