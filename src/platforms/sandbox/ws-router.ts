/**
 * One webservice request in, one answer out (no sockets here, so faults and the server stay
 * separate). Order of checks as in PrestaShop's WebserviceRequest: key, method, resource, then
 * the operation.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxShop } from './sandbox-shop.js';
import { checkWsKey, WWW_AUTHENTICATE } from './ws-auth.js';
import { jsonErrorBody, jsonErrorsBody, WsError, xmlErrorBody, xmlErrorsBody } from './ws-error.js';
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
  /** PHP died before the webservice could add its headers (no PSWS-Version, no X-Powered-By). */
  bare?: boolean;
}

/** Methods a key may use per resource (PrestaShop's webservice permission table); null: everything. */
export type WsPermissions = ReadonlyMap<string, ReadonlySet<string>> | null;

export interface WsContext {
  shop: SandboxShop;
  resources: Map<string, ResourceDef>;
  apiKey: string;
  /** Shop base URL, `http://127.0.0.1:PORT`. */
  url: string;
  permissions: WsPermissions;
  /** The shop's debug mode (`_PS_MODE_DEV_`): PHP errors printed in a 200 instead of a bare 500. */
  debugMode: boolean;
}

const KNOWN_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD']);
const XML_TYPE = 'text/xml;charset=utf-8';
// 8.2.1 sends JSON without a charset (`04c-orders-json.headers`).
const JSON_TYPE = 'application/json';

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

function wsErrorResponse(error: WsError, format: WsFormat): WsResponse {
  const body = format === 'JSON' ? jsonErrorsBody(error.entries) : xmlErrorsBody(error.entries);
  return { status: error.status, headers: { 'content-type': format === 'JSON' ? JSON_TYPE : XML_TYPE, ...error.headers }, body, format };
}

/** An uncaught PHP exception: production mode dies with a bare 500 (`07-*`), debug mode prints it in a 200 (`15c-*`). */
function phpFatalResponse(ctx: WsContext, error: PhpFatalError, format: WsFormat): WsResponse {
  const headers = { 'content-type': 'text/html; charset=utf-8' };
  return ctx.debugMode ? { status: 200, headers, body: error.body, format, bare: true } : { status: 500, headers, body: '', format, bare: true };
}

export function handleWsRequest(ctx: WsContext, req: WsRequest): WsResponse {
  let query: WsQuery | null = null;
  let format = formatOf(null, req.headers);
  try {
    query = parseWsQuery(req.rawQuery);
    format = formatOf(query, req.headers);
    return route(ctx, req, query, format);
  } catch (error) {
    if (error instanceof WsError) return wsErrorResponse(error, format);
    if (error instanceof PhpFatalError) return phpFatalResponse(ctx, error, format);
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
  if (!resource || rest.length > 0) {
    throw new WsError(400, 27, `Resource of type "${name}" does not exists. Did you mean: "${closestResource(name, ctx)}"? The full list is: ${[...ctx.resources.keys()].sort().map((r) => `"${r}"`).join(', ')}`);
  }
  const allowed = ctx.permissions === null ? null : ctx.permissions.get(name);
  if (allowed === undefined) throw new WsError(401, 26, `Resource of type "${name}" is not allowed with this authentication key`);
  if (allowed !== null && !allowed.has(method)) throw new WsError(405, 25, `Method ${method} is not allowed for the resource ${name} with this authentication key`);

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
  let entities = selectEntities(ctx.shop, resource, query);
  // Multistore: `id_shop=N` limits shop-bound resources to that shop (the context PrestaShop sets from it).
  const shopField = query.idShop === null ? undefined : resource.fields.find((field) => field.name === 'id_shop');
  if (shopField && query.idShop !== null) entities = entities.filter((entity) => shopField.get(entity as never) === query.idShop);
  return ok(200, format === 'JSON' ? listJson(resource, entities, query.display, ctxRender) : listXml(resource, entities, query.display, ctxRender));
}

function closestResource(name: string, ctx: WsContext): string {
  const names = [...ctx.resources.keys()].sort();
  return names.find((r) => r.startsWith(name.slice(0, 3))) ?? names[names.length - 1] ?? '';
}

/** The API root lists the resources this key may use, with its methods (`12d-api-root.body`). */
function apiRootXml(ctx: WsContext, apiUrl: string): string {
  const shopName = [...ctx.shop.configurations.values()].find((c) => c.name === 'PS_SHOP_NAME')?.value ?? 'PrestaShop';
  let out = `<api shopName="${shopName.replaceAll('"', '&quot;')}">\n`;
  for (const r of [...ctx.resources.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const allowed = ctx.permissions === null ? new Set(['GET', 'HEAD', ...(r.writable ? ['POST'] : [])]) : ctx.permissions.get(r.name);
    if (allowed === undefined) continue;
    const has = (m: string) => String(allowed.has(m));
    const perms = `get="${has('GET')}" put="${has('PUT')}" post="${has('POST')}" patch="false" delete="${has('DELETE')}" head="${has('HEAD')}"`;
    out += `<${r.name} xlink:href="${apiUrl}/${r.name}" ${perms}>\n<description xlink:href="${apiUrl}/${r.name}" ${perms}>${r.name}</description>\n</${r.name}>\n`;
  }
  return xmlDocument(`${out}</api>\n`);
}
