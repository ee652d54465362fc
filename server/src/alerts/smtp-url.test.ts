import { describe, expect, it } from 'vitest';
import { defaultEmailSettings, emailSettingsFromUrl, parseMailbox } from './smtp-url.js';

describe('SMTP URL', () => {
  const to = ['ops@shop.example'];

  it('reads submission on 587 as STARTTLS, with the percent-encoded login', () => {
    expect(
      emailSettingsFromUrl(
        'smtp://alerts%40shop.example:p%C3%A4ss%3Aw@mail.example:587',
        'alerts@shop.example',
        to,
      ),
    ).toEqual({
      type: 'email',
      host: 'mail.example',
      port: 587,
      secure: 'starttls',
      user: 'alerts@shop.example',
      password: 'päss:w',
      from: 'alerts@shop.example',
      fromName: 'linewatch',
      to,
    });
  });

  it('reads smtps as TLS from the first byte, plain smtp as plain, and honours ?tls=', () => {
    expect(emailSettingsFromUrl('smtps://mail.example', 'a@b.example', to)).toMatchObject({ secure: 'tls' });
    expect(emailSettingsFromUrl('smtp://localhost:25', 'a@b.example', to)).toMatchObject({
      secure: 'none',
      port: 25,
    });
    expect(emailSettingsFromUrl('smtp://relay:2525?tls=starttls', 'a@b.example', to)).toMatchObject({
      secure: 'starttls',
    });
  });

  it('takes the sender name from "Name <address>"', () => {
    expect(parseMailbox('Shop Müller <alerts@shop.example>')).toEqual({
      name: 'Shop Müller',
      address: 'alerts@shop.example',
    });
    expect(parseMailbox('alerts@shop.example')).toEqual({ address: 'alerts@shop.example' });
    expect(emailSettingsFromUrl('smtp://h:587', '"Shop" <a@b.example>', to)).toMatchObject({
      from: 'a@b.example',
      fromName: 'Shop',
    });
  });

  it('makes the default channel from the three settings, or none without URL or address', () => {
    expect(defaultEmailSettings({ smtpUrl: 'smtp://mail.example:587' })).toBeNull();
    expect(defaultEmailSettings({ alertEmail: 'ops@shop.example' })).toBeNull();
    expect(
      defaultEmailSettings({ smtpUrl: 'smtp://mail.example:587', alertEmail: 'ops@shop.example' }),
    ).toMatchObject({
      from: 'linewatch@mail.example',
      fromName: 'linewatch',
      to: ['ops@shop.example'],
    });
  });

  it('refuses what is not an SMTP URL', () => {
    expect(() => emailSettingsFromUrl('http://mail.example', 'a@b.example', to)).toThrow(/smtp:\/\//);
    expect(() => emailSettingsFromUrl('smtp://mail.example', 'not an address', to)).toThrow();
  });
});
