/**
 * Just enough MIME (RFC 2045–2047, 5322) to read back what nodemailer sends:
 * folded headers, encoded-word subjects, multipart bodies (nested), and
 * quoted-printable / base64 parts in UTF-8. Tests use it to check both the
 * text and the HTML part of an alert without a mail-parsing dependency.
 */

export interface MimePart {
  /** Header names in lower case; the last value wins. */
  headers: Map<string, string>;
  /** Decoded body of a leaf part; '' for a multipart. */
  body: string;
  parts: MimePart[];
}

export interface ParsedMail extends MimePart {
  subject: string;
  messageId: string | undefined;
  /** The first `text/plain` part. */
  text: string | undefined;
  /** The first `text/html` part. */
  html: string | undefined;
}

/** Decodes RFC 2047 encoded words: `=?UTF-8?Q?St=C3=B6rung?=`. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

/** Decodes quoted-printable into UTF-8 text, soft line breaks included. */
export function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const input = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < input.length; i++) {
    const hex = input.slice(i + 1, i + 3);
    if (input[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(input[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** A parameter of a header such as `Content-Type: multipart/alternative; boundary="--_x"`. */
function param(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(value);
  return match?.[1];
}

export function parsePart(raw: string): MimePart {
  const split = /\r?\n\r?\n/.exec(raw);
  const head = split ? raw.slice(0, split.index) : raw;
  const rest = split ? raw.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(head);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = param(type, 'boundary');
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const sections = rest.split(`--${boundary}`).slice(1);
    const parts = sections
      .filter((s) => !s.startsWith('--'))
      .map((s) => parsePart(s.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
    return { headers, body: '', parts };
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(rest.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(rest)
        : rest;
  return { headers, body, parts: [] };
}

function firstOfType(part: MimePart, type: string): string | undefined {
  const own = part.headers.get('content-type') ?? 'text/plain';
  if (part.parts.length === 0) return own.toLowerCase().startsWith(type) ? part.body : undefined;
  for (const child of part.parts) {
    const found = firstOfType(child, type);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Parses a whole message as an SMTP server received it. */
export function parseMail(raw: string): ParsedMail {
  const root = parsePart(raw);
  return {
    ...root,
    subject: decodeWords(root.headers.get('subject') ?? ''),
    messageId: root.headers.get('message-id'),
    text: firstOfType(root, 'text/plain'),
    html: firstOfType(root, 'text/html'),
  };
}
