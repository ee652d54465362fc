import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { type LineProfile, simAccessTypes, siteRoles } from './fleet-plan.js';

/**
 * The enrolled fleet, handed from `pnpm demo` (which creates the sites and
 * enrolls the agents through the real API) to the simulator. It holds the
 * agents' MQTT passwords: written with mode 0600.
 */
const LineProfileSchema = z.object({
  accessType: z.enum(simAccessTypes),
  contract: z.object({ downMbps: z.number().positive(), upMbps: z.number().positive() }),
  baseRttMs: z.number().positive(),
  loopLengthM: z.number().positive().nullable(),
  routerModel: z.string(),
  firmware: z.string(),
}) satisfies z.ZodType<LineProfile>;

export const FleetAgent = z.object({
  key: z.string(),
  role: z.enum(siteRoles),
  name: z.string(),
  carrier: z.string(),
  /** The area the site is grouped by (postcode prefix), for logs. */
  area: z.string().nullable(),
  siteId: z.string(),
  agentId: z.string(),
  mqtt: z.object({ url: z.string(), username: z.string(), password: z.string() }),
  line: LineProfileSchema,
});
export type FleetAgent = z.infer<typeof FleetAgent>;

export const FleetFile = z.object({
  v: z.literal(1),
  agents: z.array(FleetAgent).min(1),
});
export type FleetFile = z.infer<typeof FleetFile>;

export function writeFleetFile(path: string, fleet: FleetFile): void {
  writeFileSync(path, `${JSON.stringify(fleet, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Reads and validates a fleet file; throws one sentence on a bad one. */
export function readFleetFile(path: string): FleetFile {
  const parsed = FleetFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path} is not a fleet file: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
