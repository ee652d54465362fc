import { createHash } from 'node:crypto';
import { defaultSmtpPorts, type EmailChannelSettings } from '@linewatch/shared';
import nodemailer, { type NodemailerError } from 'nodemailer';
import type {
  Channel,
  ChannelDefinition,
  ChannelDeps,
  OutgoingMessage,
  SendOptions,
  SendResult,
} from '../channel.js';
import { ChannelError, clip, notSentCodes } from '../errors.js';
import { checkTarget, resolveDeps } from './common.js';

/**
 * E-mail over SMTP with nodemailer. One target: every address of `to` in
 * one SMTP transaction, because the server accepts or refuses the message
 * as a whole (a partial RCPT refusal is reported in the response).
 *
 * Idempotency: SMTP has none. The Message-ID is derived from the
 * idempotency key, so a resend after an ambiguous failure (the connection
 * dropped after the message was streamed but before the server's 250) has
 * the same Message-ID: many mailboxes drop the duplicate, and a person sees
 * it is the same message.
 */

/** How long the whole send may take, in phase timeouts (connect, greeting, each reply). */
const overallDeadlineFactor = 3;

/**
 * A Message-ID that is the same for the same key: `<lw.<hash>@<sender's domain>>`.
 * The key is hashed because it may contain characters a Message-ID may not.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<lw.${hash}@${from.slice(from.lastIndexOf('@') + 1)}>`;
}

/** Timeouts that end a send before anything was sent: a retry cannot double the mail. */
const setupTimeouts = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);
/** Nodemailer codes for a message that cannot go as it is: permanent without an SMTP reply. */
const permanentCodes = new Set(['EAUTH', 'ENOAUTH', 'ECONFIG', 'EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

/**
 * Classifies a nodemailer failure:
 * 1. The server replied: RFC 5321 4yz is transient, 5yz permanent (503 excepted,
 *    as nodemailer's `permanent` says). Nothing was accepted, so not ambiguous.
 * 2. Our deadline or the caller's signal: transient and ambiguous.
 * 3. Refused credentials, a bad envelope: permanent.
 * 4. Connection trouble: transient; ambiguous unless it ended before the greeting.
 */
export function classifySmtpError(
  err: NodemailerError,
  how: 'timeout' | 'cancelled' | 'failed',
): ChannelError {
  const detail = err.response ? clip(err.response) : err.message;
  if (how !== 'failed') {
    const message = how === 'timeout' ? 'the SMTP server took too long' : 'sending the e-mail was cancelled';
    return new ChannelError(message, { permanent: false, ambiguous: true, cause: err });
  }
  if (err.responseCode) {
    const permanent = err.permanent ?? (err.responseCode >= 500 && err.responseCode !== 503);
    const step = err.command ? ` ${err.command}` : '';
    return new ChannelError(`SMTP server refused${step}: ${detail}`, {
      permanent,
      status: err.responseCode,
      response: detail,
      cause: err,
    });
  }
  if (err.code && permanentCodes.has(err.code)) {
    return new ChannelError(`e-mail not sent: ${detail}`, { permanent: true, cause: err });
  }
  const notSent =
    err.code === 'EDNS' ||
    err.code === 'ETLS' ||
    setupTimeouts.has(err.timeoutType ?? '') ||
    notSentCodes.has(err.originalCode ?? err.code ?? '');
  return new ChannelError(`cannot reach the SMTP server (${err.code ?? 'error'}: ${err.message})`, {
    permanent: false,
    ambiguous: !notSent,
    cause: err,
  });
}

function create(settings: EmailChannelSettings, deps: ChannelDeps): Channel {
  const { timeoutMs } = resolveDeps(deps);
  const target = settings.to.join(', ');
  const targets = [target];
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port ?? defaultSmtpPorts[settings.secure],
    secure: settings.secure === 'tls',
    requireTLS: settings.secure === 'starttls',
    ignoreTLS: settings.secure === 'none',
    auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    tls: deps.tlsCa ? { ca: deps.tlsCa } : undefined,
  });

  async function send(message: OutgoingMessage, options: SendOptions): Promise<SendResult> {
    checkTarget(targets, options.target);
    const deadline = AbortSignal.timeout(timeoutMs * overallDeadlineFactor);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    try {
      const info = await transport.sendMail({
        from: settings.fromName ? { name: settings.fromName, address: settings.from } : settings.from,
        to: settings.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: messageIdFor(options.idempotencyKey, settings.from),
        signal,
      });
      const rejected = info.rejected.length ? ` (refused: ${info.rejected.join(', ')})` : '';
      return {
        ok: true,
        providerId: info.serverMessageId ?? info.messageId,
        response: clip(`${info.response}${rejected}`),
      };
    } catch (err) {
      const how = deadline.aborted ? 'timeout' : options.signal?.aborted ? 'cancelled' : 'failed';
      throw classifySmtpError(err as NodemailerError, how);
    }
  }

  return { kind: 'email', idempotency: 'receiver', targets, send };
}

export const emailChannel: ChannelDefinition<'email'> = { kind: 'email', idempotency: 'receiver', create };
