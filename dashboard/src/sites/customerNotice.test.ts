import type { AlertChannel } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { groupNoticeIssues, missingMedia, noticeToForm, validateNotice } from './customerNotice';

const sms = { kind: 'sipgate', enabled: true } as AlertChannel;

describe("a line's customer notice", () => {
  it('is off by default and stays valid without addresses while off', () => {
    const form = noticeToForm({
      customerNotice: false,
      customerPhone: null,
      customerEmail: null,
      language: 'de',
    });
    expect(validateNotice(form)).toEqual({
      ok: true,
      body: { customerNotice: false, customerPhone: null, customerEmail: null, language: 'de' },
    });
  });

  it('needs an address when on, and takes numbers as people write them', () => {
    const on = { on: true, phone: '', email: '', language: 'en' as const };
    expect(validateNotice(on)).toEqual({ ok: false, problems: { on: 'notice.needAddress' } });
    expect(validateNotice({ ...on, phone: '0049 176 12345678' })).toMatchObject({
      ok: true,
      body: { customerNotice: true, customerPhone: '+4917612345678' },
    });
    expect(validateNotice({ ...on, phone: '0176 12345678' })).toEqual({
      ok: false,
      problems: { phone: 'notice.phoneInvalid' },
    });
  });

  it('tells beforehand which kind of channel is missing', () => {
    const v = { on: true, phone: '+4917612345678', email: 'kunde@example.de', language: 'de' as const };
    expect(missingMedia(v, [])).toEqual(['sms', 'email']);
    expect(missingMedia(v, [sms])).toEqual(['email']);
    expect(missingMedia(v, [{ ...sms, enabled: false }])).toEqual(['sms', 'email']);
    expect(missingMedia({ ...v, on: false }, [])).toEqual([]);
    expect(groupNoticeIssues([{ path: 'customerPhone', message: 'no SMS channel' }])).toEqual({
      phone: 'no SMS channel',
    });
  });
});
