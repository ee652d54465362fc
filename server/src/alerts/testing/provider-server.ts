import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on loopback that plays an alert provider (sipgate,
 * seven.io, Twilio, a webhook receiver, Telegram, Slack, Teams): it records
 * every request exactly as it arrived and answers from a script, then from a
 * default. Used by the channel tests and by whole-system tests, which point
 * a channel's `baseUrl` (or webhook URL) at {@link ProviderServer.url}.
 */

export interface RecordedRequest {
  method: string;
  /** Path with query, e.g. `/v2/sessions/sms`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as signed and sent. */
  body: string;
  /** Unix ms when the body had arrived. */
  at: number;
}

export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Never answer: the client's deadline must end the request. */
  hang?: boolean;
  /** Cut the connection after reading the request (what a crash between "sent" and "recorded" looks like). */
  reset?: boolean;
}

export type ReplyFor = (request: RecordedRequest) => ScriptedReply;

export interface ProviderServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The reply given to each request, by index (so a test can find the id it handed out). */
  readonly replies: ScriptedReply[];
  /** Queues replies for the next requests, in order; after them the default answers. */
  reply(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

/** Parses a recorded body as JSON (throws when it is not). */
export function jsonOf(request: RecordedRequest): unknown {
  return JSON.parse(request.body);
}

/** Parses a recorded `application/x-www-form-urlencoded` body. */
export function formOf(request: RecordedRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.body));
}

function write(res: ServerResponse, reply: ScriptedReply): void {
  const isText = typeof reply.body === 'string' || reply.body === undefined;
  const body = reply.body === undefined ? '' : isText ? String(reply.body) : JSON.stringify(reply.body);
  const type = isText ? 'text/plain; charset=utf-8' : 'application/json';
  res.writeHead(reply.status, { ...(body ? { 'Content-Type': type } : {}), ...reply.headers });
  res.end(body);
}

/**
 * Starts the server on 127.0.0.1, port 0.
 *
 * @example
 * const provider = await startProviderServer(providerReplies.twilio);
 * provider.reply({ status: 429, headers: { 'Retry-After': '3' } });
 */
export async function startProviderServer(
  defaultReply: ReplyFor = () => ({ status: 200, body: 'ok' }),
): Promise<ProviderServer> {
  const requests: RecordedRequest[] = [];
  const replies: ScriptedReply[] = [];
  const script: ScriptedReply[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(recorded);
      const reply = script.shift() ?? defaultReply(recorded);
      replies.push(reply);
      if (reply.reset) req.socket.destroy();
      else if (!reply.hang) write(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    replies,
    reply: (...replies) => script.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A provider-style id: a prefix and hex digits. */
function fakeId(prefix: string, hexDigits: number): string {
  return (
    prefix +
    randomBytes(Math.ceil(hexDigits / 2))
      .toString('hex')
      .slice(0, hexDigits)
  );
}

/**
 * Each provider's success answer, shaped as DOMAIN.md §6 describes (values
 * illustrative). Ids are random, so a test can check the channel returned
 * the id of *this* answer.
 */
export const providerReplies = {
  sipgate: (): ScriptedReply => ({ status: 204 }),
  seven: (req: RecordedRequest): ScriptedReply => {
    const sent = JSON.parse(req.body) as { to: string; text: string; from?: string };
    return {
      status: 200,
      body: {
        success: '100',
        total_price: 0.075,
        balance: 12.3,
        debug: 'false',
        sms_type: 'direct',
        messages: [
          {
            id: fakeId('', 12),
            sender: sent.from ?? 'seven.io',
            recipient: sent.to.replace(/^\+/, ''),
            text: sent.text,
            encoding: 'gsm',
            parts: 1,
            price: 0.075,
            success: true,
            error: null,
            error_text: null,
          },
        ],
      },
    };
  },
  twilio: (req: RecordedRequest): ScriptedReply => {
    const form = formOf(req);
    return {
      status: 201,
      body: {
        sid: fakeId('SM', 32),
        status: 'queued',
        to: form.To,
        from: form.From ?? null,
        messaging_service_sid: form.MessagingServiceSid ?? null,
        body: form.Body,
        num_segments: '1',
        error_code: null,
        error_message: null,
        price: null,
      },
    };
  },
  telegram: (req: RecordedRequest): ScriptedReply => {
    const sent = JSON.parse(req.body) as { chat_id: string; text: string };
    const messageId = Math.floor(Math.random() * 1e6);
    return {
      status: 200,
      body: { ok: true, result: { message_id: messageId, chat: { id: sent.chat_id }, text: sent.text } },
    };
  },
  slack: (): ScriptedReply => ({ status: 200, body: 'ok' }),
  teams: (): ScriptedReply => ({ status: 202 }),
  webhook: (): ScriptedReply => ({ status: 204 }),
} as const;
