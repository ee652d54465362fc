import type { SevenChannelSettings } from '@linewatch/shared';
import type {
  Channel,
  ChannelDefinition,
  ChannelDeps,
  OutgoingMessage,
  SendOptions,
  SendResult,
} from '../channel.js';
import { ChannelError, clip } from '../errors.js';
import { fitSms } from '../sms-text.js';
import { apiRoot, checkTarget, resolveDeps } from './common.js';
import { post } from './http.js';

/**
 * SMS through seven.io (DOMAIN.md §6): `POST /api/sms` with `X-Api-Key`,
 * JSON `{to, text, from?}`. seven answers HTTP 200 even for most errors;
 * the outcome is the `success` code of the JSON body, or a bare code as the
 * whole body (seven-io/js-client `BaseClient` reads both).
 *
 * Idempotency: none. seven's "reload lock" (code 402) refuses the same text
 * to the same number within a short window; that means the SMS went out
 * shortly before, so it is taken as delivered: it is what a retry after an
 * ambiguous timeout looks like.
 */

export const sevenApi = 'https://gateway.seven.io';

/**
 * Codes from seven-io/js-client `ErrorCode`. Transient: 600 carrier failed,
 * 700 unknown error. Everything else not listed is permanent (invalid number,
 * sender, key, credits).
 */
const transientCodes = new Set(['600', '700']);
const codeText: Record<string, string> = {
  '101': 'sending failed for at least one recipient',
  '201': 'invalid country code',
  '202': 'invalid recipient number',
  '300': 'missing authentication',
  '306': 'invalid sender',
  '401': 'text too long',
  '500': 'insufficient credits',
  '600': 'carrier failed',
  '700': 'unknown error',
  '900': 'invalid API key',
  '902': 'API access deactivated',
  '903': 'IP address not allowed',
};

interface SevenMessage {
  id?: string | number | null;
  success?: boolean;
  error_text?: string | null;
}

/** Reads the outcome code and the first message from either answer shape. */
function readAnswer(body: string): { code: string; message?: SevenMessage } {
  const trimmed = body.trim();
  if (/^\d+$/.test(trimmed)) return { code: trimmed };
  try {
    const json = JSON.parse(trimmed) as { success?: unknown; messages?: SevenMessage[] };
    return { code: String(json.success ?? ''), message: json.messages?.[0] };
  } catch {
    return { code: '' };
  }
}

function create(settings: SevenChannelSettings, deps: ChannelDeps): Channel {
  const { timeoutMs, now } = resolveDeps(deps);
  const url = `${apiRoot(deps, sevenApi)}/api/sms`;
  const targets = settings.recipients;

  async function send(message: OutgoingMessage, options: SendOptions): Promise<SendResult> {
    checkTarget(targets, options.target);
    const answer = await post({
      provider: 'seven.io',
      url,
      headers: {
        'X-Api-Key': settings.apiKey,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify({
        to: options.target,
        text: fitSms(message.sms, settings.maxSegments),
        ...(settings.from ? { from: settings.from } : {}),
      }),
      timeoutMs,
      signal: options.signal,
      now,
    });
    const response = clip(`${answer.status} ${answer.body}`);
    const { code, message: sent } = readAnswer(answer.body);
    if (code === '402') return { ok: true, response: `${response} (reload lock: sent moments ago)` };
    if (code === '100' && sent?.success !== false) {
      return { ok: true, providerId: sent?.id == null ? undefined : String(sent.id), response };
    }
    const reason = sent?.error_text ?? codeText[code] ?? 'unexpected answer';
    throw new ChannelError(`seven.io refused the SMS: ${reason} (code ${code || 'none'})`, {
      permanent: !transientCodes.has(code) && code !== '',
      ambiguous: code === '',
      status: answer.status,
      response,
    });
  }

  return { kind: 'seven', idempotency: 'none', targets, send };
}

export const sevenChannel: ChannelDefinition<'seven'> = { kind: 'seven', idempotency: 'none', create };
