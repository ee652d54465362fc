import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { RouterError } from './router-error.js';

/** A parsed XML element: text for a leaf, an object of children otherwise. */
export type XmlNode = string | { [name: string]: XmlValue };
export type XmlValue = XmlNode | XmlNode[];

/**
 * One parser for every document the router sends. Namespace prefixes are
 * dropped (`s:Envelope` → `Envelope`) because the FRITZ!Box and other IGDs
 * pick their own prefixes; values stay strings (`parseTagValue: false`) so
 * `0012` or `1e3` are not turned into numbers; `device` and `service` are
 * always arrays so a device list with one entry looks like one with many.
 * `htmlEntities` decodes numeric references (`&#228;` in German log lines);
 * DOCTYPE entities stay within the library's expansion limits.
 */
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (name) => name === 'device' || name === 'service',
});

/**
 * Parses an XML document after validating it, so that an HTML error page or
 * binary garbage is refused instead of half-parsed.
 *
 * @throws RouterError `invalid_response` when the text is not well-formed XML.
 * @example
 * parseXml('<a><b>1</b></a>') // { a: { b: '1' } }
 */
export function parseXml(text: string): { [name: string]: XmlValue } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new RouterError('invalid_response', `not XML (${valid.err.msg}, line ${valid.err.line})`);
  }
  const doc: unknown = parser.parse(text);
  if (typeof doc !== 'object' || doc === null) throw new RouterError('invalid_response', 'empty XML');
  return doc as { [name: string]: XmlValue };
}

/** The child element `name` of a node (the first, when repeated), or undefined. */
export function child(node: XmlValue | undefined, name: string): XmlNode | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  const value = node[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Every child element `name` of a node. */
export function children(node: XmlValue | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The text of child element `name`, or null when it is missing or not a leaf. */
export function childText(node: XmlValue | undefined, name: string): string | null {
  const value = child(node, name);
  return typeof value === 'string' ? value : null;
}

/**
 * Escapes text for an XML element or attribute (the emulator and SOAP
 * arguments build XML by template; only parsing needs the library).
 *
 * @example
 * xmlEscape('a<b & "c"') // 'a&lt;b &amp; &quot;c&quot;'
 */
export function xmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
