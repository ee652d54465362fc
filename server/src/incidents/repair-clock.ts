import {
  addDays,
  type CivilDate,
  civilDateOf,
  daysBetween,
  isoDate,
  startOfCivilDay,
} from './zoned-calendar.js';

/**
 * The § 58 TKG repair clock ("Entstörung", in force since 1.12.2021).
 *
 * How the law counts (DOMAIN.md § 5):
 * 1. The period starts on the day *after* the fault report reached the
 *    carrier (§ 187 Abs. 1 BGB): day 1 is the day after the report.
 * 2. Days are calendar days, not working days. The period may end on a
 *    Sunday or public holiday (BNetzA/NET 12/2021): § 193 BGB does not move
 *    it, so no holiday calendar is needed.
 * 3. Abs. 2 S. 2: not fixed within one calendar day (by the end of day 1) →
 *    the carrier must say, at the latest within the following day (day 2),
 *    what it is doing and when the fault will be fixed.
 * 4. Abs. 3 S. 1: not fixed within two calendar days (by the end of day 2) →
 *    from the following day (day 3) the consumer is owed compensation for
 *    each day of complete outage.
 * 5. Abs. 3 S. 2: days 3 and 4: €5 or 10 %, from day 5: €10 or 20 % of the
 *    monthly fee (for contracts with a constant monthly fee), whichever is
 *    higher.
 * Only consumers are protected (Abs. 1 "Verbraucher"): businesses get none.
 *
 * Days are German calendar days, so they are taken in Europe/Berlin.
 */
export const legalTimeZone = 'Europe/Berlin';

/** Abs. 3 S. 2 TKG, one row per rate. Amounts in euro cents. */
export const compensationRates = [
  { fromDay: 3, minimumCents: 500, feePercent: 10 },
  { fromDay: 5, minimumCents: 1000, feePercent: 20 },
] as const;

/** Day 3 (§ 187 BGB numbering) is the first day compensation can be owed. */
const firstCompensationDay = compensationRates[0].fromDay;

export interface RepairClockInput {
  /** When the fault report reached the carrier ("Eingang der Störungsmeldung"), ms. */
  reportedAt: number;
  now: number;
  /** Business customers are not protected by § 58 TKG. */
  business: boolean;
  /**
   * The contracted monthly fee in euro cents. Only for contracts with a
   * constant monthly fee; without it the fixed euro amounts apply.
   */
  monthlyFeeCents?: number | null;
  /** When the fault was fixed, ms; null while it lasts. */
  fixedAt?: number | null;
}

/** One rate of the compensation schedule, dated for this report. */
export interface ScheduledRate {
  /** Day number counted per § 187 BGB: day 1 is the day after the report. */
  fromDay: number;
  /** The calendar date (Europe/Berlin) this rate begins, `YYYY-MM-DD`. */
  fromDate: string;
  /** The first instant of that day, ms. */
  fromAt: number;
  centsPerDay: number;
}

export type RepairClock =
  | { applicable: false; reason: 'business_customer' }
  | {
      applicable: true;
      /** The calendar date the report reached the carrier, `YYYY-MM-DD`. */
      reportDate: string;
      /** End of day 1 (Abs. 2): still not fixed then → the carrier owes the consumer an update. */
      updateOwedFrom: number;
      /** Abs. 2: whether that update is owed as of `now` (or was, before the fix). */
      updateOwed: boolean;
      /** The last day of the repair period (day 2), `YYYY-MM-DD`. */
      lastRepairDate: string;
      /**
       * The end of the repair period, ms: midnight after day 2. The Abs. 2
       * update is due by the same moment.
       */
      deadlineAt: number;
      /** Not fixed by `deadlineAt`, and `now` is past it. */
      overdue: boolean;
      /** The compensation schedule: days 3–4 and from day 5. */
      rates: ScheduledRate[];
      /** Days owed up to `now` (or the fix): every day from day 3 that the outage reached into. */
      daysOwed: number;
      accruedCents: number;
      /** Today's rate while the outage lasts past the deadline, else null. */
      currentCentsPerDay: number | null;
    };

/**
 * The compensation for one day (§ 58 Abs. 3 S. 2 TKG), rounded to the cent.
 * Null for days 1 and 2, which are the carrier's repair time.
 *
 * @example
 * compensationForDay(3, null) // 500
 * compensationForDay(5, 7_999) // 1600 (20 % of €79.99 beats €10)
 */
export function compensationForDay(day: number, monthlyFeeCents: number | null | undefined): number | null {
  let rate: (typeof compensationRates)[number] | undefined;
  for (const r of compensationRates) if (day >= r.fromDay) rate = r;
  if (!rate) return null;
  const share = monthlyFeeCents ? Math.round((monthlyFeeCents * rate.feePercent) / 100) : 0;
  return Math.max(rate.minimumCents, share);
}

/**
 * Where a fault report stands under § 58 TKG at `now`.
 *
 * A day counts as owed once the outage reaches into it (Verbraucherzentrale:
 * "reported Monday, not fixed by Wednesday 24:00 → owed from Thursday").
 * Whether the outage was *complete* and whether an exclusion applies
 * (consumer's fault, force majeure, …) is for the caller to decide.
 *
 * @example
 * // Reported Monday 3 March 2025, 10:00; still down Thursday 6 March, 09:00.
 * const c = repairClock({ reportedAt: Date.parse('2025-03-03T09:00Z'), now: Date.parse('2025-03-06T08:00Z'), business: false });
 * // c.lastRepairDate === '2025-03-05', c.overdue === true, c.daysOwed === 1, c.accruedCents === 500
 */
export function repairClock(input: RepairClockInput): RepairClock {
  if (input.business) return { applicable: false, reason: 'business_customer' };
  const { reportedAt, now } = input;
  const fee = input.monthlyFeeCents ?? null;
  const fixedAt = input.fixedAt ?? null;
  const reportDay = civilDateOf(reportedAt, legalTimeZone);
  const dayStart = (day: number): number => startOfCivilDay(addDays(reportDay, day), legalTimeZone);

  // 1. Day n runs from dayStart(n) to dayStart(n + 1); day 1 is the day after the report.
  const updateOwedFrom = dayStart(2);
  const deadlineAt = dayStart(3);
  // 2. The outage, as far as known now: up to the fix, or up to now.
  const outageUntil = fixedAt === null ? now : Math.min(fixedAt, now);
  const stillOpenAt = (t: number) => (fixedAt === null || fixedAt > t) && now >= t;

  // 3. Count every day from day 3 that the outage reached into.
  let daysOwed = 0;
  let lastDayOwed: CivilDate | null = null;
  if (outageUntil > deadlineAt) {
    lastDayOwed = civilDateOf(outageUntil - 1, legalTimeZone);
    daysOwed = daysBetween(reportDay, lastDayOwed) - firstCompensationDay + 1;
  }
  let accruedCents = 0;
  for (let day = firstCompensationDay; day < firstCompensationDay + daysOwed; day++) {
    accruedCents += compensationForDay(day, fee) ?? 0;
  }

  const rates: ScheduledRate[] = compensationRates.map((r) => ({
    fromDay: r.fromDay,
    fromDate: isoDate(addDays(reportDay, r.fromDay)),
    fromAt: dayStart(r.fromDay),
    centsPerDay: compensationForDay(r.fromDay, fee) ?? 0,
  }));
  const ongoing = fixedAt === null || fixedAt > now;
  const currentCentsPerDay =
    ongoing && lastDayOwed ? compensationForDay(daysBetween(reportDay, lastDayOwed), fee) : null;

  return {
    applicable: true,
    reportDate: isoDate(reportDay),
    updateOwedFrom,
    updateOwed: stillOpenAt(updateOwedFrom),
    lastRepairDate: isoDate(addDays(reportDay, 2)),
    deadlineAt,
    overdue: stillOpenAt(deadlineAt),
    rates,
    daysOwed,
    accruedCents,
    currentCentsPerDay,
  };
}
