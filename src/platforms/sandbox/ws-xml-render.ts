/**
 * XML as PrestaShop's WebserviceOutputXML writes it: values in CDATA, empty values as empty
 * elements, links as xlink:href, multilingual fields as <language id=".." xlink:href="..">.
 */
import { cdata } from './ws-error.js';
import { type FieldDef, type ResourceDef, scalarText } from './ws-resources.js';

export interface RenderContext {
  /** `${url}/api` */
  apiUrl: string;
  /** Languages shown in multilingual fields. */
  languages: number[];
}

type Entity = { id: number };

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n';
const TAIL = '</prestashop>\n';

export function xmlDocument(inner: string): string {
  return HEAD + inner + TAIL;
}

function fieldXml(field: FieldDef<Entity>, entity: Entity, ctx: RenderContext, indent: string): string {
  const value = field.get(entity);
  if (field.kind === 'lang') {
    const texts = (value ?? {}) as Record<number, string>;
    let out = `${indent}<${field.name}>`;
    for (const id of ctx.languages) {
      const text = texts[id] ?? '';
      out += `<language id="${id}" xlink:href="${ctx.apiUrl}/languages/${id}">${text === '' ? '' : cdata(text)}</language>`;
    }
    return `${out}</${field.name}>\n`;
  }
  const text = scalarText(field.kind, value);
  const attrs = (field.href ? ` xlink:href="${ctx.apiUrl}/${field.href}/${text}"` : '') + (field.notFilterable ? ' notFilterable="true"' : '');
  return `${indent}<${field.name}${attrs}>${text === '' ? '' : cdata(text)}</${field.name}>\n`;
}

export function entityXml(resource: ResourceDef, entity: Entity, ctx: RenderContext, only?: string[]): string {
  const fields = only ? resource.fields.filter((f) => only.includes(f.name)) : resource.fields;
  let out = `<${resource.entity}>\n`;
  for (const field of fields) out += fieldXml(field, entity, ctx, '\t');
  if (!only && resource.associations.length > 0) {
    out += '<associations>\n';
    for (const assoc of resource.associations) {
      const attrs = ` nodeType="${assoc.nodeType}"` + (assoc.virtualEntity ? ' virtualEntity="true"' : '') + (assoc.api ? ` api="${assoc.api}"` : '');
      out += `<${assoc.name}${attrs}>\n`;
      for (const item of assoc.items(entity)) {
        const href = assoc.api ? ` xlink:href="${ctx.apiUrl}/${assoc.api}/${String(item.id)}"` : '';
        out += `\t<${assoc.nodeType}${href}>\n`;
        for (const f of assoc.fields) out += fieldXml(f as unknown as FieldDef<Entity>, item as unknown as Entity, ctx, '\t');
        out += `\t</${assoc.nodeType}>\n`;
      }
      out += `</${assoc.name}>\n`;
    }
    out += '</associations>\n';
  }
  return `${out}</${resource.entity}>\n`;
}

export function listXml(resource: ResourceDef, entities: Entity[], display: 'ids' | 'full' | string[], ctx: RenderContext): string {
  let out = `<${resource.name}>\n`;
  for (const entity of entities) {
    if (display === 'ids') out += `<${resource.entity} id="${entity.id}" xlink:href="${ctx.apiUrl}/${resource.name}/${entity.id}"/>\n`;
    else out += entityXml(resource, entity, ctx, display === 'full' ? undefined : display);
  }
  return xmlDocument(`${out}</${resource.name}>\n`);
}
