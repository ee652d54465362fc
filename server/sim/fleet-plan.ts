import type { SiteCreate } from '@linewatch/shared';
import {
  businessNames,
  firstNames,
  otherStreets,
  outageAreaStreets,
  type Street,
  surnames,
} from './german-places.js';
import { between, intBetween, pick, type Random, seeded, weighted } from './random.js';

export const simCarriers = ['Telekom', 'Vodafone', '1&1', 'O2', 'Deutsche Glasfaser'] as const;
export type SimCarrier = (typeof simCarriers)[number];

export const simAccessTypes = ['dsl', 'cable', 'fibre'] as const;
export type SimAccess = (typeof simAccessTypes)[number];

/** What the scenario does to a site; see `scenario.ts`. */
export const siteRoles = ['normal', 'area_outage', 'flapping', 'degraded', 'power_cut'] as const;
export type SiteRole = (typeof siteRoles)[number];

/** The physical line behind a site: what its figures are simulated from. */
export interface LineProfile {
  accessType: SimAccess;
  contract: { downMbps: number; upMbps: number };
  /** Round trip to the internet targets on a quiet line, ms. */
  baseRttMs: number;
  /** DSL only: copper loop length from the street cabinet, m (attenuation, attainable rate). */
  loopLengthM: number | null;
  routerModel: string;
  firmware: string;
}

export interface PlannedSite {
  /** Stable within a plan: `s01`, `s02`, … */
  key: string;
  role: SiteRole;
  /** The body for `POST /api/v1/sites`. */
  site: SiteCreate;
  line: LineProfile;
}

/** Contracts per carrier and access type (Mbit/s down/up) and how common each is. */
const offers: Record<SimCarrier, Partial<Record<SimAccess, readonly [number, number, number][]>>> = {
  Telekom: {
    dsl: [
      [50, 10, 2],
      [100, 40, 4],
      [250, 40, 3],
    ],
    fibre: [
      [500, 200, 1],
      [1000, 200, 1],
    ],
  },
  Vodafone: {
    cable: [
      [250, 25, 2],
      [500, 50, 2],
      [1000, 50, 1],
    ],
    dsl: [[100, 40, 1]],
  },
  '1&1': {
    dsl: [
      [100, 40, 3],
      [250, 40, 2],
    ],
  },
  O2: {
    dsl: [
      [50, 10, 2],
      [100, 40, 3],
    ],
  },
  'Deutsche Glasfaser': {
    fibre: [
      [300, 150, 2],
      [600, 300, 2],
      [1000, 500, 1],
    ],
  },
};

const routers: Record<SimAccess, readonly string[]> = {
  dsl: ['FRITZ!Box 7590', 'FRITZ!Box 7590 AX', 'FRITZ!Box 7530 AX'],
  cable: ['FRITZ!Box 6591 Cable', 'FRITZ!Box 6660 Cable'],
  fibre: ['FRITZ!Box 5590 Fiber', 'FRITZ!Box 5530 Fiber'],
};

interface SiteSpec {
  role: SiteRole;
  carrier: SimCarrier;
  access: SimAccess;
  street: Street;
  business: boolean;
  /** A fixed business name instead of a drawn one. */
  name?: string;
}

/**
 * A fleet of `n` realistic German sites, the same for the same `n` and
 * `seed`:
 * 1. the three single-site scenario roles first (power cut, flapping line,
 *    degraded line), so even a small fleet shows them;
 * 2. about a quarter of the rest Telekom VDSL lines in Leipzig's 041 area
 *    (up to 12), all but two of which fail together in the area outage,
 *    and three lines of other carriers in that area that stay up;
 * 3. the rest spread over other cities and every carrier, about half
 *    business customers.
 *
 * @example
 * planFleet(50).filter((s) => s.role === 'area_outage').length // 10
 */
export function planFleet(n: number, seed = 1): PlannedSite[] {
  const rng = seeded(seed);
  // biome-ignore format: a table
  const specs: SiteSpec[] = [
    { role: 'power_cut', carrier: 'Vodafone', access: 'cable', street: streetIn('Hamburg'), business: true, name: 'Bäckerei Schmidt' },
    { role: 'flapping', carrier: 'O2', access: 'dsl', street: streetIn('Frankfurt am Main'), business: true, name: 'Autohaus Müller' },
    { role: 'degraded', carrier: '1&1', access: 'dsl', street: streetIn('München'), business: true, name: 'Praxis Dr. Weber' },
  ];
  const cluster = Math.min(12, Math.round(Math.max(0, n - 3) * 0.25));
  const hit = cluster <= 4 ? cluster : cluster - 2;
  for (let i = 0; i < cluster; i++) {
    specs.push({
      role: i < hit ? 'area_outage' : 'normal',
      carrier: 'Telekom',
      access: 'dsl',
      street: pick(rng, outageAreaStreets),
      business: rng.next() < 0.5,
    });
  }
  const bystanders: [SimCarrier, SimAccess][] = [
    ['Vodafone', 'cable'],
    ['Deutsche Glasfaser', 'fibre'],
    ['Vodafone', 'cable'],
  ];
  for (const [carrier, access] of bystanders.slice(0, cluster >= 8 ? 3 : 0)) {
    specs.push({ role: 'normal', carrier, access, street: pick(rng, outageAreaStreets), business: false });
  }
  while (specs.length < n) {
    const carrier = weighted(rng, {
      Telekom: 3,
      Vodafone: 2.5,
      '1&1': 1.5,
      O2: 1.5,
      'Deutsche Glasfaser': 1.5,
    });
    const access = pick(rng, Object.keys(offers[carrier]) as SimAccess[]);
    specs.push({
      role: 'normal',
      carrier,
      access,
      street: pick(rng, otherStreets),
      business: rng.next() < 0.5,
    });
  }
  const names = new Set<string>();
  return specs.slice(0, n).map((spec, i) => plannedSite(rng, spec, i, names));
}

function plannedSite(rng: Random, spec: SiteSpec, i: number, names: Set<string>): PlannedSite {
  const surname = pick(rng, surnames);
  const first = pick(rng, firstNames);
  const { street, postcode, city } = spec.street;
  const drawn = spec.business ? pick(rng, businessNames).replace('{n}', surname) : `Familie ${surname}`;
  const base = spec.name ?? drawn;
  // A name taken already: the person's name for a household, the city for a business, then a number.
  const alternatives = [base, spec.business ? `${base} ${city}` : `${first} ${surname}`];
  let name = alternatives.find((a) => !names.has(a)) ?? base;
  for (let k = 2; names.has(name); k++) name = `${base} (${k})`;
  names.add(name);
  const owner = name.split(/\s+/).find((w) => (surnames as readonly string[]).includes(w)) ?? surname;
  const doctor = name.includes('Dr.') ? 'Dr. ' : '';
  const choices = offers[spec.carrier][spec.access] ?? [[100, 40, 1]];
  const [downMbps, upMbps] = choices[
    weightedIndex(
      rng,
      choices.map((c) => c[2]),
    )
  ] ?? [100, 40];
  return {
    key: `s${String(i + 1).padStart(2, '0')}`,
    role: spec.role,
    site: {
      name,
      customer: `${doctor}${first} ${owner}`,
      address: `${street} ${intBetween(rng, 1, 140)}, ${postcode} ${city}`,
      carrier: spec.carrier,
      accessType: spec.access,
      contract: { downMbps, upMbps },
      business: spec.business,
      monthlyFeeCents: spec.business ? intBetween(rng, 40, 90) * 100 - 5 : intBetween(rng, 30, 60) * 100 - 5,
    },
    line: lineProfile(rng, spec.access, downMbps, upMbps),
  };
}

function streetIn(city: string): Street {
  const street = otherStreets.find((s) => s.city === city);
  if (!street) throw new Error(`no street in ${city}`);
  return street;
}

function weightedIndex(rng: Random, weights: readonly number[]): number {
  let r = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** A line that can carry its contract: the faster the VDSL profile, the shorter the copper loop. */
function lineProfile(rng: Random, access: SimAccess, downMbps: number, upMbps: number): LineProfile {
  const loopLengthM =
    access !== 'dsl'
      ? null
      : Math.round(
          downMbps >= 250
            ? between(rng, 150, 450)
            : downMbps >= 100
              ? between(rng, 300, 700)
              : between(rng, 500, 1200),
        );
  const baseRttMs =
    access === 'fibre'
      ? between(rng, 6, 11)
      : access === 'cable'
        ? between(rng, 11, 22)
        : between(rng, 12, 24);
  return {
    accessType: access,
    contract: { downMbps, upMbps },
    baseRttMs: Math.round(baseRttMs * 10) / 10,
    loopLengthM,
    routerModel: pick(rng, routers[access]),
    firmware: pick(rng, ['7.57', '7.59', '8.00', '8.02']),
  };
}
