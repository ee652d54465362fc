import type { EmailChannelSettings, Language, QuietHours } from '@linewatch/shared';
import { defaultEmailSettings } from './smtp-url.js';

/** Everything the alert planner and dispatcher are tuned by. Units in the names. */
export interface AlertConfig {
  /** Root of the links in messages (acknowledge, incident), without a trailing slash. */
  publicUrl: string;
  /** The e-mail channel from LINEWATCH_SMTP_URL / _MAIL_FROM / _ALERT_EMAIL: used while no policy exists. */
  defaultEmail: EmailChannelSettings | null;
  /** Language of the default policy's messages. */
  language: Language;
  /** Zone of the times in messages and of the monthly budgets' months. */
  timeZone: string;
  /**
   * A site that could be part of an area outage (other sites of its carrier
   * and area exist) while other sites of its area are failing waits this
   * long (from when its alert was planned) before its alert goes out, so the
   * area incident can form and send one message instead of one per site. A
   * site with no such neighbours is alerted at once.
   */
  groupingHoldMs: number;
  /**
   * Such a site whose neighbours are all fine waits only this long: lines
   * cut together are reported within it; if a neighbour fails meanwhile,
   * the hold is extended to `groupingHoldMs`. Keeps a lone failure inside
   * the alerting deadline (1.5 × keepalive + 2 s) in dense areas.
   */
  groupingSettleMs: number;
  /** An area incident's alert waits this long after it opened, for the other sites to join. */
  areaHoldMs: number;
  /** An area incident that grew after its alert sends one "now N sites" update, no sooner than this after the alert. */
  updateMinIntervalMs: number;
  /** The customer is told this long after the line failed (a short outage bothers nobody). */
  customerNoticeDelayMs: number;
  /** No SMS to customers in these hours; they wait. */
  customerQuietHours: QuietHours;
  /** Tries per notification before it is given up as failed. */
  maxAttempts: number;
  /** Retry delay after the first failure, doubled each time up to `backoffMaxMs`. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long an acknowledge link works. */
  ackTtlMs: number;
  /** HMAC key of acknowledge links; null = a random key kept in the database. */
  ackSecret: string | null;
  /** Sends in flight at once. */
  concurrency: number;
}

export const defaultAlertConfig: AlertConfig = {
  publicUrl: 'http://localhost:8080',
  defaultEmail: null,
  language: 'de',
  timeZone: 'Europe/Berlin',
  groupingHoldMs: 60_000, // = the area grouping window (incidents/area-grouping.ts)
  groupingSettleMs: 5_000,
  areaHoldMs: 30_000,
  updateMinIntervalMs: 10 * 60_000,
  customerNoticeDelayMs: 10 * 60_000,
  customerQuietHours: {
    from: '21:00',
    to: '08:00',
    tz: 'Europe/Berlin',
    allowBusiness: false,
    weekends: false,
  },
  maxAttempts: 10, // 30 s, 1, 2, 4, 8, 16, 30, 30, 30 min: about 2 h
  backoffBaseMs: 30_000,
  backoffMaxMs: 30 * 60_000,
  ackTtlMs: 7 * 86_400_000,
  ackSecret: null,
  concurrency: 4,
};

/** The server settings the alerts read (see `config/schema.ts`); every one optional. */
export interface AlertSettings {
  publicUrl?: string | undefined;
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
  alertEmail?: string | undefined;
  alertLanguage?: Language | undefined;
  alertTimeZone?: string | undefined;
  alertGroupingDelaySeconds?: number | undefined;
  alertGroupingSettleSeconds?: number | undefined;
  customerNoticeDelayMinutes?: number | undefined;
  alertAckSecret?: string | undefined;
}

/**
 * The alert config from the server's settings.
 *
 * @example
 * alertConfigFrom(config, `http://localhost:${httpPort}`)
 */
export function alertConfigFrom(settings: AlertSettings, fallbackPublicUrl: string): AlertConfig {
  const hold = settings.alertGroupingDelaySeconds;
  return {
    ...defaultAlertConfig,
    publicUrl: (settings.publicUrl ?? fallbackPublicUrl).replace(/\/+$/, ''),
    defaultEmail: defaultEmailSettings(settings),
    language: settings.alertLanguage ?? defaultAlertConfig.language,
    timeZone: settings.alertTimeZone ?? defaultAlertConfig.timeZone,
    ...(hold === undefined ? {} : { groupingHoldMs: hold * 1000, areaHoldMs: (hold * 1000) / 2 }),
    ...(settings.alertGroupingSettleSeconds === undefined
      ? {}
      : { groupingSettleMs: settings.alertGroupingSettleSeconds * 1000 }),
    ...(settings.customerNoticeDelayMinutes === undefined
      ? {}
      : { customerNoticeDelayMs: settings.customerNoticeDelayMinutes * 60_000 }),
    ackSecret: settings.alertAckSecret ?? null,
  };
}
