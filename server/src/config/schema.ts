import { LoginEmail } from '@linewatch/shared';
import { z } from 'zod';

/**
 * Every server setting, with its default. Units are in the names. The same
 * keys come from the environment (`LINEWATCH_HTTP_PORT` → `httpPort`) or from
 * an optional JSON config file (`LINEWATCH_CONFIG_FILE`).
 */
export const ServerConfig = z.object({
  /** HTTP port for the API and the dashboard. */
  httpPort: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Address the HTTP and MQTT listeners bind to. */
  host: z.string().min(1).default('0.0.0.0'),
  /** MQTT TCP port of the embedded broker; 0 = any free port (printed at start). */
  mqttPort: z.coerce.number().int().min(0).max(65535).default(1883),
  /** Where SQLite and other state live. */
  dataDir: z.string().min(1).default('./data'),
  /** Unset = embedded aedes broker; `mqtt://…` = external broker (not yet supported). */
  brokerUrl: z.url({ protocol: /^mqtts?$/ }).optional(),
  /** Unset = SQLite in the data dir; `postgres://…` = PostgreSQL (not yet supported). */
  databaseUrl: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** The URL users and agents reach this server at; defaults to http://<hostname>:<httpPort>. */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The MQTT URL handed to agents at enrollment; defaults to mqtt://<publicUrl host>:<mqttPort>. */
  publicMqttUrl: z.url({ protocol: /^(mqtts?|wss?)$/ }).optional(),
  adminEmail: LoginEmail.default('admin@localhost'),
  /** First admin's password; generated and printed once when unset. */
  adminPassword: z.string().min(12, 'must be at least 12 characters').optional(),
  smtpUrl: z.url({ protocol: /^smtps?$/ }).optional(),
  mailFrom: z.string().optional(),
  /** Where alerts go while no alert policy is configured; several addresses separated by commas. */
  alertEmail: z
    .string()
    .refine(
      (v) => v.split(',').every((a) => z.email().safeParse(a.trim()).success),
      'must be e-mail addresses separated by commas',
    )
    .optional(),
  /** Language of alerts sent by the default policy (LINEWATCH_ALERT_EMAIL). */
  alertLanguage: z.enum(['de', 'en']).default('de'),
  /** Zone of times in alert messages and of monthly SMS budgets. */
  alertTimeZone: z.string().min(1).default('Europe/Berlin'),
  /** A line that could be part of an area outage, while others of its area fail, waits this long for its alert; area alerts wait half. 0 = no wait. */
  alertGroupingDelaySeconds: z.coerce.number().min(0).max(600).default(60),
  /** Such a line whose neighbours are all fine waits only this long (longer if one fails meanwhile). */
  alertGroupingSettleSeconds: z.coerce.number().min(0).max(600).default(5),
  /** A site's customer notice goes out this long after the line failed. */
  customerNoticeDelayMinutes: z.coerce.number().min(0).max(1440).default(10),
  /** HMAC key of acknowledge links; unset = a random key kept in the database. */
  alertAckSecret: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * A dropped connection must stay dropped this long before the site turns down. 8 s: an agent is back
   * within twice a blip's length (`reconnectDelayMs`), so a 3 s blip raises nothing (the detection
   * benchmark: reconnected after at most ~5.7 s); within 1.5 × keepalive + 2 s for keepalives of 5 s and more.
   */
  confirmDelaySeconds: z.coerce.number().min(0).max(600).default(8),
  /** Extra slack after an agent's expected next message before it counts as silent. */
  silenceGraceSeconds: z.coerce.number().min(0).max(600).default(2),
  /** After a server start, agents get this long to reconnect before silence counts. */
  reconnectGraceSeconds: z.coerce.number().min(0).max(3600).default(90),
  /**
   * The server's own uplink probes (`host:port,…`, TCP connects): when all
   * fail, silent agents are not declared down (the fault is the server's).
   * Unset = no probes (a server in a closed network); the mass-silence guard
   * still applies. A config file may give a list.
   */
  uplinkTargets: z
    .union([z.string(), z.array(z.string())])
    .default('')
    .transform((s) => (Array.isArray(s) ? s : s.split(',')).map((t) => t.trim()).filter((t) => t.length > 0))
    .pipe(z.array(z.string().regex(/^[\w.:[\]-]+$/, 'must be host:port entries separated by commas'))),
  /** A line must stay back this long before its incident resolves itself (recovery hysteresis). */
  recoveryStableSeconds: z.coerce.number().min(0).max(86_400).default(120),
  /** A line degraded this long opens an incident (a short dip does not). */
  degradedIncidentMinutes: z.coerce.number().min(1).max(10_080).default(15),
  /** Sites of one carrier and area failing within this window form one area incident. */
  areaWindowSeconds: z.coerce.number().min(1).max(3600).default(60),
  /** How many sites of one carrier and area make an area incident. */
  areaMinSites: z.coerce.number().int().min(2).max(10_000).default(3),
  /** Sites across several carriers in one area that look like a power cut there. */
  powerCutMinSites: z.coerce.number().int().min(2).max(10_000).default(4),
  /** Downs within the flap window that mark a line as flapping. */
  flapDowns: z.coerce.number().int().min(2).max(100).default(3),
  flapWindowMinutes: z.coerce.number().min(1).max(1440).default(15),
  /** The shop's time zone: reports, quiet hours, the § 58 TKG calendar days are always Europe/Berlin. */
  timeZone: z
    .string()
    .refine(
      (tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC',
      'must be an IANA time zone',
    )
    .default('Europe/Berlin'),
  /** Lifetime of a login session. */
  sessionHours: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  /** Lifetime of a site's enrollment token. */
  enrollmentTokenDays: z.coerce.number().min(1).max(365).default(30),
  /** Raw measurements and agent events are kept this long; older ones survive as 1-minute and 1-hour rollups. */
  rawRetentionDays: z.coerce.number().int().min(1).max(3650).default(14),
  /** 1-minute rollups are kept this long. */
  minuteRetentionDays: z.coerce.number().int().min(1).max(3650).default(90),
  /** 1-hour rollups are kept this long. */
  hourRetentionDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(36500)
    .default(365 * 2),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

/** Environment variable name of each key: `httpPort` → `LINEWATCH_HTTP_PORT`. */
export function envName(key: string): string {
  return `LINEWATCH_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}
