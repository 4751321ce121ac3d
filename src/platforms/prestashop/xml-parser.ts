import { XMLParser } from 'fast-xml-parser';

/** A parsed XML element: a string for plain text, an object with `@_` attributes, `#text` and children otherwise. */
export type XmlNode = string | XmlElement | XmlNode[];
export interface XmlElement {
  [key: string]: XmlNode | undefined;
}

/**
 * A parser for PrestaShop webservice XML. Values stay strings (money has 6 decimals, references
 * may look numeric, `0000-00-00` dates must not become numbers); CDATA is merged into the text;
 * attributes (`id`, `xlink:href`, `nodeType`) are kept with an `@_` prefix. Lists are not forced
 * into arrays here: one element or many, callers go through `asArray`.
 */
export function createXmlParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: true,
    processEntities: true,
  });
}

/**
 * The `<prestashop>` root of a webservice document, or null when the text is not one (a PHP fatal
 * error page, an HTML error from a proxy, an empty body). PHP notices printed before the XML are skipped.
 */
export function parsePrestashopXml(parser: XMLParser, body: string): XmlElement | null {
  const start = body.search(/<\?xml|<prestashop[\s>/]/);
  if (start < 0) return null;
  let document: unknown;
  try {
    document = parser.parse(body.slice(start));
  } catch {
    return null;
  }
  if (typeof document !== 'object' || document === null) return null;
  const root = (document as XmlElement).prestashop;
  if (root === undefined) return null;
  // `<prestashop/>` or `<prestashop></prestashop>` parse as an empty string.
  if (typeof root === 'string') return {};
  if (Array.isArray(root)) return null;
  return root;
}

export function asArray<T>(value: T | T[] | undefined | ''): T[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** The text of an element, whether it is a plain string or carries attributes (`xlink:href`). */
export function xmlText(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return xmlText(node[0]);
  const text = node['#text'];
  return typeof text === 'string' ? text : '';
}

export function xmlAttribute(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}
