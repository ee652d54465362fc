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
  alertEmail: z.email().optional(),
  /** A dropped connection must stay dropped this long before the site turns down (a blip raises nothing). */
  confirmDelaySeconds: z.coerce.number().min(0).max(600).default(5),
  /** Extra slack after an agent's expected next message before it counts as silent. */
  silenceGraceSeconds: z.coerce.number().min(0).max(600).default(2),
  /** After a server start, agents get this long to reconnect before silence counts. */
  reconnectGraceSeconds: z.coerce.number().min(0).max(3600).default(30),
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
