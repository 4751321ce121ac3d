import { asArray, xmlAttribute, xmlText, type XmlElement, type XmlNode } from './xml-parser.js';
import type { LanguageValue, WebserviceRecord } from './webservice-record.js';

function isElement(node: XmlNode | undefined): node is XmlElement {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function childKeys(element: XmlElement): string[] {
  return Object.keys(element).filter((key) => !key.startsWith('@_') && key !== '#text');
}

/** `<name><language id="1">..</language>...</name>` -> `[{ id: '1', value: '..' }]`. */
function languageValues(node: XmlElement): LanguageValue[] {
  return asArray(node.language).map((language) => ({ id: xmlAttribute(language, 'id') ?? '', value: xmlText(language) }));
}

function xmlValue(node: XmlNode | undefined): unknown {
  if (node === undefined || typeof node === 'string') return node ?? '';
  if (Array.isArray(node)) return node.map((item) => xmlValue(item));
  const children = childKeys(node);
  if (children.length === 0) return xmlText(node);
  if (children.length === 1 && children[0] === 'language') return languageValues(node);
  // Associations: `<order_rows nodeType="order_row"><order_row>..</order_row></order_rows>`, one row or many.
  const nodeType = xmlAttribute(node, 'nodeType');
  if (nodeType !== undefined) return asArray(node[nodeType]).map((item) => (isElement(item) ? xmlRecord(item) : {}));
  return xmlRecord(node);
}

/** One resource element -> its record. A list entry without `display` (`<order id="5"/>`) gives `{ id: '5' }`. */
export function xmlRecord(element: XmlElement): WebserviceRecord {
  const record: WebserviceRecord = {};
  const id = xmlAttribute(element, 'id');
  if (id !== undefined) record.id = id;
  for (const key of childKeys(element)) record[key] = xmlValue(element[key]);
  return record;
}

/** The entries of `<prestashop><orders><order>...` however many there are (none: `<orders/>`). */
export function xmlCollection(root: XmlElement, plural: string, singular: string): WebserviceRecord[] {
  const list = root[plural];
  if (!isElement(list)) return [];
  return asArray(list[singular]).filter(isElement).map((item) => xmlRecord(item));
}

/** `<prestashop><order_history>...` -> its record, or null. */
export function xmlResource(root: XmlElement, singular: string): WebserviceRecord | null {
  const element = root[singular];
  return isElement(element) ? xmlRecord(element) : null;
}
