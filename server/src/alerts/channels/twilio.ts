import type { TwilioChannelSettings } from '@linewatch/shared';
import type {
  Channel,
  ChannelDefinition,
  ChannelDeps,
  OutgoingMessage,
  SendOptions,
  SendResult,
} from '../channel.js';
import { ChannelError } from '../errors.js';
import { fitSms } from '../sms-text.js';
import { apiRoot, checkTarget, resolveDeps } from './common.js';
import { basicAuth, describeAnswer, jsonBody, post } from './http.js';

/**
 * SMS through Twilio (DOMAIN.md §6): `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`
 * with Basic `AccountSid:AuthToken`, a form `To`, `From` or
 * `MessagingServiceSid`, `Body`; answered 201 with the message `sid`.
 * Errors come as JSON `{code, message, more_info, status}` (e.g. 21211
 * invalid 'To' number, 20003 authentication) and follow the HTTP rules.
 *
 * Idempotency: none. Twilio's Messages API takes no idempotency key (its
 * `I-Twilio-Idempotency-Token` is a header Twilio sends on its own webhooks),
 * so after a timeout the SMS may have been sent and a retry may send it twice.
 */

export const twilioApi = 'https://api.twilio.com';

function create(settings: TwilioChannelSettings, deps: ChannelDeps): Channel {
  const { timeoutMs, now } = resolveDeps(deps);
  const url = `${apiRoot(deps, twilioApi)}/2010-04-01/Accounts/${settings.accountSid}/Messages.json`;
  const targets = settings.recipients;

  async function send(message: OutgoingMessage, options: SendOptions): Promise<SendResult> {
    checkTarget(targets, options.target);
    const form = new URLSearchParams({ To: options.target });
    if (settings.messagingServiceSid) form.set('MessagingServiceSid', settings.messagingServiceSid);
    else if (settings.from) form.set('From', settings.from);
    form.set('Body', fitSms(message.sms, settings.maxSegments));
    const answer = await post({
      provider: 'Twilio',
      url,
      headers: {
        Authorization: basicAuth(settings.accountSid, settings.authToken),
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: form.toString(),
      timeoutMs,
      signal: options.signal,
      now,
    }).catch((err: unknown) => {
      throw withTwilioReason(err);
    });
    const sid = (jsonBody(answer.body) as { sid?: unknown } | undefined)?.sid;
    return {
      ok: true,
      providerId: typeof sid === 'string' ? sid : undefined,
      response: describeAnswer(answer),
    };
  }

  return { kind: 'twilio', idempotency: 'none', targets, send };
}

/** Puts Twilio's error code and message into the error text, where people read it. */
function withTwilioReason(err: unknown): unknown {
  if (!(err instanceof ChannelError) || !err.response) return err;
  const body = jsonBody(err.response.replace(/^\d+ /, '')) as
    | { code?: unknown; message?: unknown }
    | undefined;
  if (typeof body?.message !== 'string') return err;
  return new ChannelError(`${err.message}: ${body.message} (Twilio error ${String(body.code)})`, {
    permanent: err.permanent,
    ambiguous: err.ambiguous,
    retryAfterMs: err.retryAfterMs,
    status: err.status,
    response: err.response,
    cause: err,
  });
}

export const twilioChannel: ChannelDefinition<'twilio'> = { kind: 'twilio', idempotency: 'none', create };
