/**
 * One webservice request in, one answer out (no sockets here, so faults and the server stay
 * separate). Order of checks as in PrestaShop's WebserviceRequest: key, method, resource, then
 * the operation.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxShop } from './sandbox-shop.js';
import { checkWsKey, WWW_AUTHENTICATE } from './ws-auth.js';
import { jsonErrorBody, WsError, xmlErrorBody } from './ws-error.js';
import { listJson, singleJson } from './ws-json-render.js';
import { selectEntities } from './ws-list-select.js';
import { parseWsQuery, type WsQuery } from './ws-query.js';
import type { ResourceDef } from './ws-resources.js';
import { entityXml, listXml, type RenderContext, xmlDocument } from './ws-xml-render.js';
import { extractXml, PhpFatalError, postOrderHistory } from './order-history-post.js';

export type WsFormat = 'XML' | 'JSON';

export interface WsRequest {
  method: string;
  pathname: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WsResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  format: WsFormat;
}

export interface WsContext {
  shop: SandboxShop;
  resources: Map<string, ResourceDef>;
  apiKey: string;
  /** Shop base URL, `http://127.0.0.1:PORT`. */
  url: string;
}

const KNOWN_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD']);
const XML_TYPE = 'text/xml;charset=utf-8';
const JSON_TYPE = 'application/json;charset=utf-8';

export function formatOf(query: WsQuery | null, headers: IncomingHttpHeaders): WsFormat {
  // Case-sensitive on purpose: PrestaShop compares with 'JSON', so `json` yields XML.
  if (query?.jsonRequested || headers['io-format'] === 'JSON' || headers['output-format'] === 'JSON') return 'JSON';
  return 'XML';
}

export function errorResponse(status: number, code: number, message: string, format: WsFormat, extra: Record<string, string> = {}): WsResponse {
  return format === 'JSON'
    ? { status, headers: { 'content-type': JSON_TYPE, ...extra }, body: jsonErrorBody(code, message), format }
    : { status, headers: { 'content-type': XML_TYPE, ...extra }, body: xmlErrorBody(code, message), format };
}

export function handleWsRequest(ctx: WsContext, req: WsRequest): WsResponse {
  let query: WsQuery | null = null;
  let format = formatOf(null, req.headers);
  try {
    query = parseWsQuery(req.rawQuery);
    format = formatOf(query, req.headers);
    return route(ctx, req, query, format);
  } catch (error) {
    if (error instanceof WsError) return errorResponse(error.status, error.wsCode, error.message, format);
    if (error instanceof PhpFatalError) return { status: 500, headers: { 'content-type': 'text/html; charset=utf-8' }, body: error.body, format };
    throw error;
  }
}

function route(ctx: WsContext, req: WsRequest, query: WsQuery, format: WsFormat): WsResponse {
  const auth = checkWsKey(req.headers.authorization, query.wsKey, ctx.apiKey);
  if (!auth.ok) {
    if (auth.challenge) {
      return { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': WWW_AUTHENTICATE }, body: '401 Unauthorized', format };
    }
    throw auth.error;
  }
  const method = req.method.toUpperCase();
  if (!KNOWN_METHODS.has(method)) throw new WsError(405, 23, `Method ${method} is not valid`);

  const segments = req.pathname.replace(/^\/api\/?/, '').split('/').filter((s) => s !== '');
  const ctxRender: RenderContext = {
    apiUrl: `${ctx.url}/api`,
    languages: query.languages ?? [...ctx.shop.languages.values()].filter((l) => l.active).map((l) => l.id),
  };
  const ok = (status: number, body: string): WsResponse => ({ status, headers: { 'content-type': format === 'JSON' ? JSON_TYPE : XML_TYPE }, body, format });

  if (segments.length === 0) {
    if (method !== 'GET' && method !== 'HEAD') throw new WsError(405, 25, `Method ${method} is not allowed for the API root`);
    return { ...ok(200, apiRootXml(ctx, ctxRender.apiUrl)), headers: { 'content-type': XML_TYPE } };
  }
  const [name = '', idText, ...rest] = segments;
  const resource = ctx.resources.get(name);
  if (!resource || rest.length > 0) throw new WsError(401, 26, `Resource of type "${name}" is not allowed with this authentication key`);

  if (method === 'POST') {
    if (!resource.writable || idText !== undefined) throw new WsError(405, 25, `Method POST is not allowed for the resource ${name} with this authentication key`);
    const history = postOrderHistory(ctx.shop, extractXml(req.body, req.headers['content-type']), query.sendEmail);
    return ok(201, format === 'JSON' ? singleJson(resource, history, ctxRender) : xmlDocument(entityXml(resource, history, ctxRender)));
  }
  if (method !== 'GET' && method !== 'HEAD') {
    throw new WsError(405, 25, `Method ${method} is not allowed for the resource ${name} with this authentication key`);
  }
  if (idText !== undefined) {
    if (!/^\d+$/.test(idText)) throw new WsError(400, 0, `The "id" must be an integer ("${idText}" given)`);
    const entity = resource.get(ctx.shop, Number(idText));
    // A missing single resource is a 404 with an empty body, not an error document.
    if (!entity) return { status: 404, headers: {}, body: '', format };
    return ok(200, format === 'JSON' ? singleJson(resource, entity, ctxRender) : xmlDocument(entityXml(resource, entity, ctxRender)));
  }
  if (Array.isArray(query.display)) {
    const known = new Set(resource.fields.map((f) => f.name));
    const unknown = query.display.find((f) => !known.has(f));
    if (unknown) throw new WsError(400, 35, `Unable to display this field "${unknown}". However, these are available: ${[...known].join(', ')}`);
  }
  const entities = selectEntities(ctx.shop, resource, query);
  return ok(200, format === 'JSON' ? listJson(resource, entities, query.display, ctxRender) : listXml(resource, entities, query.display, ctxRender));
}

function apiRootXml(ctx: WsContext, apiUrl: string): string {
  const shopName = [...ctx.shop.configurations.values()].find((c) => c.name === 'PS_SHOP_NAME')?.value ?? 'PrestaShop';
  let out = `<api shopName="${shopName.replaceAll('"', '&quot;')}">\n`;
  for (const r of ctx.resources.values()) {
    const perms = `get="true" put="false" post="${r.writable}" patch="false" delete="false" head="true"`;
    out += `<${r.name} xlink:href="${apiUrl}/${r.name}" ${perms}>\n<description xlink:href="${apiUrl}/${r.name}" ${perms}>${r.name}</description>\n</${r.name}>\n`;
  }
  return xmlDocument(`${out}</api>\n`);
}
