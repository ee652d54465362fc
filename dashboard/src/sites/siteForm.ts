import { type AccessType, type Site, SiteCreate, type SiteUpdate } from '@linewatch/shared';
import type { ApiIssue } from '../api/errors';
import type { MessageKey } from '../i18n/dictionary';
import type { MessageParams } from '../i18n/translate';

/**
 * The "add a line" form, pure: its values (as typed), client-side checks
 * with the shared `SiteCreate` schema (so the rules are the server's), and
 * the mapping of a 400's `issues` onto the fields.
 */

export const siteFormFields = [
  'customer',
  'name',
  'address',
  'carrier',
  'accessType',
  'downMbps',
  'upMbps',
  'business',
  'area',
  'monthlyFee',
] as const;
export type SiteFormField = (typeof siteFormFields)[number];

export interface SiteFormValues {
  customer: string;
  name: string;
  address: string;
  carrier: string;
  accessType: AccessType;
  /** As typed: "100", "50,5", "1.000". */
  downMbps: string;
  upMbps: string;
  business: boolean;
  /** Empty: the server takes the area from the postcode. */
  area: string;
  /** The customer's monthly fee in euros, as typed: "39,95"; empty when not known. */
  monthlyFee: string;
}

export const emptySiteForm: SiteFormValues = {
  customer: '',
  name: '',
  address: '',
  carrier: '',
  accessType: 'dsl',
  downMbps: '',
  upMbps: '',
  business: false,
  area: '',
  monthlyFee: '',
};

/**
 * The form's values of an existing site, for editing.
 *
 * The fee is written with the reader's decimal separator ("58,95" in German).
 *
 * @example formOfSite(site).downMbps // '100'
 */
export function formOfSite(site: Site, decimalSeparator: ',' | '.' = '.'): SiteFormValues {
  return {
    customer: site.customer,
    name: site.name,
    address: site.address,
    carrier: site.carrier,
    accessType: site.accessType,
    downMbps: String(site.contract.downMbps),
    upMbps: String(site.contract.upMbps),
    business: site.business,
    area: site.area ?? '',
    monthlyFee:
      site.monthlyFeeCents === null
        ? ''
        : (site.monthlyFeeCents / 100).toFixed(2).replace('.', decimalSeparator),
  };
}

/** A client-side complaint about one field, translated when shown. */
export interface FieldProblem {
  key: MessageKey;
  params?: MessageParams;
}
export type FieldProblems = Partial<Record<SiteFormField, FieldProblem>>;

/**
 * Reads a speed in Mbit/s as people type it in German or English. A
 * separator followed by groups of exactly three digits is a thousands
 * separator ("1.000", "1,000" = 1000: no contract has a speed with three
 * decimals); otherwise "," or "." is the decimal point.
 *
 * @returns the number, undefined when empty, null when it is not a number.
 * @example parseMbps('50,5') // 50.5
 */
export function parseMbps(text: string): number | null | undefined {
  const compact = text.replace(/\s/g, '');
  if (compact === '') return undefined;
  const plain = /^[1-9]\d{0,2}([.,]\d{3})+$/.test(compact)
    ? compact.replace(/[.,]/g, '')
    : compact.replace(',', '.');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(plain)) return null;
  return Number(plain);
}

/**
 * Reads an amount in euros as people type it ("39,95", "39.95 €",
 * "1.234,50", "1,234.50") into cents.
 *
 * @returns the cents, undefined when empty, null when it is not an amount.
 * @example parseEuroCents('39,95') // 3995
 */
export function parseEuroCents(text: string): number | null | undefined {
  const compact = text.replace(/[\s€]/g, '').replace(/^EUR|EUR$/i, '');
  if (compact === '') return undefined;
  let plain: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(compact)) plain = compact.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(compact)) plain = compact.replace(/,/g, '');
  else if (/^\d+([.,]\d{1,2})?$/.test(compact)) plain = compact.replace(',', '.');
  else return null;
  return Math.round(Number(plain) * 100);
}

type SchemaIssue = NonNullable<ReturnType<typeof SiteCreate.safeParse>['error']>['issues'][number];

function problemForIssue(issue: SchemaIssue): FieldProblem {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'number' ? { key: 'form.positive' } : { key: 'form.required' };
    case 'too_big':
      return issue.origin === 'number'
        ? { key: 'form.tooLarge', params: { max: Number(issue.maximum) } }
        : { key: 'form.tooLong', params: { max: Number(issue.maximum) } };
    default:
      return { key: 'form.invalid' };
  }
}

/**
 * The form field a body path belongs to (`contract.downMbps` → `downMbps`),
 * or null if it is not one of the form's fields.
 */
export function fieldForIssuePath(path: string): SiteFormField | null {
  if (path === 'monthlyFeeCents') return 'monthlyFee';
  const last = path.startsWith('contract.') ? path.slice('contract.'.length) : path;
  return (siteFormFields as readonly string[]).includes(last) ? (last as SiteFormField) : null;
}

export type SiteFormResult = { ok: true; body: SiteCreate } | { ok: false; problems: FieldProblems };

/**
 * @example validateSiteForm({ ...emptySiteForm, customer: 'Müller' }) // { ok: false, problems: { name: { key: 'form.required' }, … } }
 */
export function validateSiteForm(values: SiteFormValues): SiteFormResult {
  const problems: FieldProblems = {};
  const contract = { downMbps: parseMbps(values.downMbps), upMbps: parseMbps(values.upMbps) };
  for (const field of ['downMbps', 'upMbps'] as const) {
    if (contract[field] === undefined) problems[field] = { key: 'form.required' };
    else if (contract[field] === null) problems[field] = { key: 'form.number' };
  }
  const monthlyFeeCents = parseEuroCents(values.monthlyFee);
  if (monthlyFeeCents === null) problems.monthlyFee = { key: 'form.amount' };
  const area = values.area.trim();
  const parsed = SiteCreate.safeParse({
    customer: values.customer,
    name: values.name,
    address: values.address,
    carrier: values.carrier,
    accessType: values.accessType,
    contract,
    business: values.business,
    ...(area ? { area } : {}),
    ...(typeof monthlyFeeCents === 'number' ? { monthlyFeeCents } : {}),
  });
  if (parsed.success && Object.keys(problems).length === 0) return { ok: true, body: parsed.data };
  for (const issue of parsed.error?.issues ?? []) {
    const field = fieldForIssuePath(issue.path.join('.'));
    if (field !== null && problems[field] === undefined) problems[field] = problemForIssue(issue);
  }
  return { ok: false, problems };
}

/**
 * The PATCH for an edited site: every field of the form, except that the
 * area and the fee are sent only when changed — an area left as it was
 * stays derived from the address (or set by hand); emptied, it goes back
 * to the postcode's, and an emptied fee is cleared.
 *
 * @example siteUpdateOf(body, { ...before, area: '' }, before).area // null
 */
export function siteUpdateOf(body: SiteCreate, values: SiteFormValues, before: SiteFormValues): SiteUpdate {
  const { area, monthlyFeeCents, ...rest } = body;
  const update: SiteUpdate = { ...rest };
  if (values.area.trim() !== before.area.trim()) update.area = area ?? null;
  if (values.monthlyFee.trim() !== before.monthlyFee.trim()) update.monthlyFeeCents = monthlyFeeCents ?? null;
  return update;
}

export interface ServerIssues {
  /** The server's sentence for each field it complained about. */
  fields: Partial<Record<SiteFormField, string>>;
  /** Complaints about something that is not a form field. */
  general: string[];
}

export function groupServerIssues(issues: readonly ApiIssue[]): ServerIssues {
  const grouped: ServerIssues = { fields: {}, general: [] };
  for (const issue of issues) {
    const field = fieldForIssuePath(issue.path);
    if (field === null) grouped.general.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    else grouped.fields[field] ??= issue.message;
  }
  return grouped;
}
