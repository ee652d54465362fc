import type {
  AlertPolicy,
  AlertPolicyInput,
  AlertScope,
  AlertSeverity,
  Cause,
  Language,
} from '@linewatch/shared';

/** The policy form: every field as the user sees it. */
export interface PolicyFormValues {
  name: string;
  enabled: boolean;
  channelId: string;
  scope: AlertScope;
  scopeValue: string;
  minSeverity: AlertSeverity;
  /** Empty: every cause. */
  causes: Cause[];
  language: Language;
  quiet: boolean;
  quietFrom: string;
  quietTo: string;
  quietAllowBusiness: boolean;
  quietWeekends: boolean;
  escalate: boolean;
  escalateAfterMinutes: string;
  escalateChannelId: string;
  remind: boolean;
  remindEveryMinutes: string;
  remindMax: string;
}

/** A new policy: every outage of every line to the first channel, in the user's language. */
export function newPolicy(channelId: string, language: Language): PolicyFormValues {
  return {
    name: '',
    enabled: true,
    channelId,
    scope: 'all',
    scopeValue: '',
    minSeverity: 'down',
    causes: [],
    language,
    quiet: false,
    quietFrom: '22:00',
    quietTo: '07:00',
    quietAllowBusiness: true,
    quietWeekends: false,
    escalate: false,
    escalateAfterMinutes: '30',
    escalateChannelId: '',
    remind: false,
    remindEveryMinutes: '60',
    remindMax: '3',
  };
}

/** The form's values of a stored policy, for editing. */
export function policyValues(p: AlertPolicy): PolicyFormValues {
  const base = newPolicy(p.channelId, p.language);
  return {
    ...base,
    name: p.name,
    enabled: p.enabled,
    scope: p.scope,
    scopeValue: p.scopeValue ?? '',
    minSeverity: p.minSeverity,
    causes: p.causes ?? [],
    quiet: p.quietHours !== null,
    quietFrom: p.quietHours?.from ?? base.quietFrom,
    quietTo: p.quietHours?.to ?? base.quietTo,
    quietAllowBusiness: p.quietHours?.allowBusiness ?? base.quietAllowBusiness,
    quietWeekends: p.quietHours?.weekends ?? base.quietWeekends,
    escalate: p.escalation !== null,
    escalateAfterMinutes: String(p.escalation?.afterMinutes ?? base.escalateAfterMinutes),
    escalateChannelId: p.escalation?.channelId ?? '',
    remind: p.reminders !== null,
    remindEveryMinutes: String(p.reminders?.everyMinutes ?? base.remindEveryMinutes),
    remindMax: String(p.reminders?.max ?? base.remindMax),
  };
}

/**
 * The API body of the form. Numbers are parsed as typed (the server says
 * what is out of range); switched-off parts are null.
 *
 * @example toPolicyInput({ ...newPolicy('c1', 'de'), name: 'Alle' }).quietHours // null
 */
export function toPolicyInput(v: PolicyFormValues, timeZone: string): AlertPolicyInput {
  const whole = (text: string) => Number(text.trim());
  return {
    name: v.name.trim(),
    enabled: v.enabled,
    channelId: v.channelId,
    scope: v.scope,
    scopeValue: v.scope === 'all' ? null : v.scopeValue.trim() || null,
    minSeverity: v.minSeverity,
    causes: v.causes.length > 0 ? v.causes : null,
    language: v.language,
    quietHours: v.quiet
      ? {
          from: v.quietFrom,
          to: v.quietTo,
          tz: timeZone,
          allowBusiness: v.quietAllowBusiness,
          weekends: v.quietWeekends,
        }
      : null,
    escalation: v.escalate
      ? { afterMinutes: whole(v.escalateAfterMinutes), channelId: v.escalateChannelId }
      : null,
    reminders: v.remind ? { everyMinutes: whole(v.remindEveryMinutes), max: whole(v.remindMax) } : null,
  };
}
