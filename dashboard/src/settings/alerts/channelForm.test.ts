import { ChannelSettings, channelKinds, secretMask } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { channelFields, fieldOfIssue, fromSettings, toSettings } from './channelForm';

describe('channel form', () => {
  it('turns typed lists, numbers and headers into settings the shared schema accepts', () => {
    const sms = toSettings('sipgate', {
      tokenId: 'token-ABC123',
      token: 'secret',
      smsId: 's0',
      recipients: '+4915790123456\n+4917612345678, ',
      maxSegments: '3',
    });
    expect(ChannelSettings.parse(sms)).toMatchObject({
      recipients: ['+4915790123456', '+4917612345678'],
      maxSegments: 3,
    });
    const hook = toSettings('webhook', {
      url: 'https://ops.example/hook',
      secret: 'a-long-signing-secret',
      headers: 'Authorization: Bearer x:y\n\nX-Shop: Müller',
    });
    expect(ChannelSettings.parse(hook)).toMatchObject({
      headers: { Authorization: 'Bearer x:y', 'X-Shop': 'Müller' },
    });
  });

  it('leaves out empty optional fields but sends empty required ones, for the server to name', () => {
    const mail = toSettings('email', {
      host: 'mail.example.de',
      from: 'a@shop.example',
      to: 'ops@shop.example',
    });
    expect(mail).toEqual({
      type: 'email',
      host: 'mail.example.de',
      from: 'a@shop.example',
      to: ['ops@shop.example'],
    });
    expect(toSettings('telegram', {})).toEqual({ type: 'telegram', botToken: '', chatId: '' });
  });

  it('round-trips masked settings for editing, so an untouched secret goes back as the mask', () => {
    const shown = { type: 'seven', apiKey: secretMask, recipients: ['+4915790123456'], maxSegments: 2 };
    const values = fromSettings('seven', shown);
    expect(values).toEqual({ apiKey: secretMask, recipients: '+4915790123456', maxSegments: '2' });
    expect(toSettings('seven', values)).toEqual(shown);
  });

  it('has a form for every kind and finds the field of a server complaint', () => {
    for (const kind of channelKinds) expect(channelFields[kind].length).toBeGreaterThan(0);
    expect(fieldOfIssue('settings.recipients.1')).toBe('recipients');
    expect(fieldOfIssue('name')).toBe('name');
  });
});
