import type { AddressInfo } from 'node:net';
import type { SmtpSecurity } from '@linewatch/shared';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { type ParsedMail, parseMail } from './mime.js';
import type { TestCert } from './tls-cert.js';

/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps what
 * it receives: envelope, login, whether the session was encrypted, the raw
 * message and its parsed parts. It can refuse or stall on cue, to test how
 * the e-mail channel classifies failures. Whole-system tests reuse it as
 * the shop's mail relay.
 */

export interface SmtpSinkOptions {
  /** `none` (default): plain; `starttls`: STARTTLS offered; `tls`: TLS from the first byte. */
  security?: SmtpSecurity;
  /** Needed for `starttls` and `tls`; see `selfSignedCert()`. */
  cert?: TestCert;
  /** When set, AUTH is required and only this login is accepted. */
  credentials?: { user: string; password: string };
}

export interface ReceivedMail {
  envelopeFrom: string;
  recipients: string[];
  /** The login used, if any. */
  user: string | undefined;
  /** Whether the session was encrypted (TLS or after STARTTLS). */
  secure: boolean;
  raw: string;
  mail: ParsedMail;
}

/**
 * A scripted misbehaviour for the next transaction: refuse recipients or the
 * message with an SMTP reply code, or take the message and never answer
 * (the "delivered, but the client never heard" case).
 */
export type SmtpTrouble =
  | { stage: 'rcpt' | 'data'; code: number; message: string }
  | { stage: 'data'; hang: true };

export interface SmtpSink {
  readonly port: number;
  readonly received: ReceivedMail[];
  trouble(...next: SmtpTrouble[]): void;
  /** Resolves once `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Starts the sink on 127.0.0.1, port 0. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const security = options.security ?? 'none';
  if (security !== 'none' && !options.cert)
    throw new Error(`an SMTP sink with ${security} needs a certificate`);
  const received: ReceivedMail[] = [];
  const troubles: SmtpTrouble[] = [];
  const waiters = new Set<() => void>();
  const credentials = options.credentials;

  const server = new SMTPServer({
    secure: security === 'tls',
    key: options.cert?.key,
    cert: options.cert?.cert,
    disabledCommands: [...(security === 'none' ? ['STARTTLS'] : []), ...(credentials ? [] : ['AUTH'])],
    authOptional: !credentials,
    allowInsecureAuth: security === 'none',
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials?.user && auth.password === credentials?.password) {
        callback(null, { user: auth.username });
      } else callback(smtpError(535, 'Authentication credentials invalid'));
    },
    onRcptTo(_address, _session, callback) {
      const next = troubles[0];
      if (next?.stage === 'rcpt' && 'code' in next) {
        troubles.shift();
        return callback(smtpError(next.code, next.message));
      }
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const next = troubles[0]?.stage === 'data' ? troubles.shift() : undefined;
        if (next && 'code' in next) return callback(smtpError(next.code, next.message));
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          recipients: session.envelope.rcptTo.map((r) => r.address),
          user: session.user,
          secure: session.secure,
          raw,
          mail: parseMail(raw),
        });
        for (const wake of waiters) wake();
        if (!next) callback(null, `Ok: queued as ${received.length}`);
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    received,
    trouble: (...next) => troubles.push(...next),
    waitFor: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(received.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the SMTP sink got ${received.length} of ${count} messages`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
