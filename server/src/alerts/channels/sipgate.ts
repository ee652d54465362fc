import type { SipgateChannelSettings } from '@linewatch/shared';
import type {
  Channel,
  ChannelDefinition,
  ChannelDeps,
  OutgoingMessage,
  SendOptions,
  SendResult,
} from '../channel.js';
import { fitSms } from '../sms-text.js';
import { apiRoot, checkTarget, resolveDeps } from './common.js';
import { basicAuth, describeAnswer, post } from './http.js';

/**
 * SMS through sipgate (DOMAIN.md §6): `POST /v2/sessions/sms` with Basic
 * auth `tokenId:token`, JSON `{smsId, recipient, message}`, answered with
 * 204 and no message id. Errors: 401 credentials, 402 balance, 403 feature
 * not booked, 415 content type — all permanent by the HTTP rules.
 *
 * Idempotency: none (the API takes no key). After a timeout the SMS may
 * have been sent; a retry may send it twice.
 */

export const sipgateApi = 'https://api.sipgate.com';

function create(settings: SipgateChannelSettings, deps: ChannelDeps): Channel {
  const { timeoutMs, now } = resolveDeps(deps);
  const url = `${apiRoot(deps, sipgateApi)}/v2/sessions/sms`;
  const targets = settings.recipients;

  async function send(message: OutgoingMessage, options: SendOptions): Promise<SendResult> {
    checkTarget(targets, options.target);
    const answer = await post({
      provider: 'sipgate',
      url,
      headers: {
        Authorization: basicAuth(settings.tokenId, settings.token),
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify({
        smsId: settings.smsId,
        recipient: options.target,
        message: fitSms(message.sms, settings.maxSegments),
      }),
      timeoutMs,
      signal: options.signal,
      now,
    });
    return { ok: true, response: describeAnswer(answer) };
  }

  return { kind: 'sipgate', idempotency: 'none', targets, send };
}

export const sipgateChannel: ChannelDefinition<'sipgate'> = { kind: 'sipgate', idempotency: 'none', create };
