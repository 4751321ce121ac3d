import type { WooErrorAnswer } from './woo-sandbox-auth.js';
import type { WooSandboxShop } from './woo-sandbox-shop.js';
import type { WooSandboxOrder } from './woo-shop-types.js';

export interface RouteAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RouteRequest {
  method: string;
  /** `/wc/v3/orders/12` */
  route: string;
  query: URLSearchParams;
  body: string;
  /** How links are written back: `http://127.0.0.1:8082/wp-json` or `http://127.0.0.1:8082/?rest_route=`. */
  linkBase: (route: string, query: URLSearchParams) => string;
}

export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): RouteAnswer {
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers }, body: JSON.stringify(value) };
}

export function errorAnswer(error: WooErrorAnswer): RouteAnswer {
  return jsonAnswer(error.status, { code: error.code, message: error.message, data: { status: error.status, ...(error.params ? { params: error.params } : {}) } });
}

function invalidParam(params: Record<string, string>): RouteAnswer {
  return errorAnswer({ status: 400, code: 'rest_invalid_param', message: `Invalid parameter(s): ${Object.keys(params).join(', ')}`, params });
}

function invalidId(status: 400 | 404): RouteAnswer {
  return errorAnswer({ status, code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.' });
}

/** The REST shape of an order (date fields in site time too; the sandbox site runs on UTC). */
export function renderOrder(order: WooSandboxOrder, fields: string[] | null): Record<string, unknown> {
  const full: Record<string, unknown> = {
    ...order,
    date_created: order.date_created_gmt,
    date_modified: order.date_modified_gmt,
    date_paid: order.status === 'processing' || order.status === 'completed' ? order.date_created_gmt : null,
    date_completed: order.status === 'completed' ? order.date_modified_gmt : null,
    prices_include_tax: true,
  };
  if (fields === null) return full;
  return Object.fromEntries(fields.filter((f) => f in full).map((f) => [f, full[f]]));
}

function fieldsOf(query: URLSearchParams): string[] | null {
  const raw = query.get('_fields');
  return raw === null || raw.trim() === '' ? null : raw.split(',').map((f) => f.trim());
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function listOrders(shop: WooSandboxShop, req: RouteRequest): RouteAnswer {
  const q = req.query;
  const perPage = Number(q.get('per_page') ?? '10');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return invalidParam({ per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' });
  const page = Number(q.get('page') ?? '1');
  if (!Number.isInteger(page) || page < 1) return invalidParam({ page: 'page must be greater than or equal to 1' });
  const orderby = q.get('orderby') ?? 'date';
  if (!['date', 'id', 'include', 'title', 'slug', 'modified'].includes(orderby)) return invalidParam({ orderby: 'orderby is not one of date, id, include, title, slug, and modified.' });
  const order = q.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') return invalidParam({ order: 'order is not one of asc and desc.' });
  const modifiedAfter = q.get('modified_after');
  if (modifiedAfter !== null && !ISO_DATE.test(modifiedAfter)) return invalidParam({ modified_after: 'Invalid date.' });
  // The sandbox site is on UTC, so site time and GMT agree whatever dates_are_gmt says.
  const after = modifiedAfter === null ? null : Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(modifiedAfter) ? modifiedAfter : `${modifiedAfter}Z`);
  const exclude = new Set((q.get('exclude') ?? '').split(',').filter((s) => s !== '').map(Number));
  const status = q.get('status');

  let rows = [...shop.orders.values()].filter((o) => o.status !== 'checkout-draft' || status === 'checkout-draft');
  if (status !== null && status !== 'any') rows = rows.filter((o) => status.split(',').includes(o.status));
  // Strictly after, to the second: WooCommerce's `date_modified > modified_after`.
  if (after !== null) rows = rows.filter((o) => Date.parse(`${o.date_modified_gmt}Z`) > after);
  rows = rows.filter((o) => !exclude.has(o.id));
  const key = (o: WooSandboxOrder): string | number => (orderby === 'modified' ? o.date_modified_gmt : orderby === 'id' ? o.id : o.date_created_gmt);
  // Ties come in descending id, as MySQL may give them: clients must not rely on an order within one second.
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const cmp = ka < kb ? -1 : ka > kb ? 1 : 0;
    return cmp !== 0 ? (order === 'asc' ? cmp : -cmp) : b.id - a.id;
  });
  const total = rows.length;
  const totalPages = Math.ceil(total / perPage);
  const slice = rows.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  const linkQuery = (p: number): URLSearchParams => {
    const copy = new URLSearchParams(q);
    for (const name of ['consumer_key', 'consumer_secret', 'oauth_consumer_key', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method', 'oauth_timestamp', 'oauth_version', 'rest_route']) copy.delete(name);
    copy.set('page', String(p));
    return copy;
  };
  if (page > 1 && page - 1 <= totalPages) links.push(`<${req.linkBase(req.route, linkQuery(page - 1))}>; rel="prev"`);
  if (page < totalPages) links.push(`<${req.linkBase(req.route, linkQuery(page + 1))}>; rel="next"`);
  const fields = fieldsOf(q);
  return jsonAnswer(200, slice.map((o) => renderOrder(o, fields)), {
    'x-wp-total': String(total),
    'x-wp-totalpages': String(totalPages),
    ...(links.length > 0 ? { link: links.join(', ') } : {}),
  });
}

function updateOrder(shop: WooSandboxShop, id: number, req: RouteRequest): RouteAnswer {
  const order = shop.orders.get(id);
  if (!order) return invalidId(400);
  let body: Record<string, unknown> = {};
  if (req.body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(req.body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return errorAnswer({ status: 400, code: 'rest_invalid_json', message: 'Invalid JSON body passed.' });
      body = parsed as Record<string, unknown>;
    } catch {
      return errorAnswer({ status: 400, code: 'rest_invalid_json', message: 'Invalid JSON body passed.' });
    }
  }
  if (body.status !== undefined) {
    if (typeof body.status !== 'string' || !shop.hasStatus(body.status)) {
      return invalidParam({ status: `status is not one of ${shop.statuses.map((s) => s.slug).join(', ')}, and trash.` });
    }
    return jsonAnswer(200, renderOrder(shop.setStatus(id, body.status).order, null));
  }
  return jsonAnswer(200, renderOrder(shop.touch(id), null));
}

/** The routes of WooCommerce REST v3 that ecom-sync uses, plus order notes for inspection. */
export function handleWooRoute(shop: WooSandboxShop, req: RouteRequest): RouteAnswer {
  const { method, route } = req;
  if (route === '/wc/v3/reports/orders/totals' && method === 'GET') {
    return jsonAnswer(200, shop.statuses.map((s) => ({ slug: s.slug, name: s.name, total: [...shop.orders.values()].filter((o) => o.status === s.slug).length })));
  }
  if (route === '/wc/v3/orders' && method === 'GET') return listOrders(shop, req);
  const notes = /^\/wc\/v3\/orders\/(\d+)\/notes$/.exec(route);
  if (notes && method === 'GET') {
    const id = Number(notes[1]);
    if (!shop.orders.has(id)) return invalidId(404);
    return jsonAnswer(200, shop.notesOf(id).reverse().map((n) => ({ id: n.id, note: n.note, date_created_gmt: n.date_created_gmt, customer_note: n.customer_note, author: 'system' })));
  }
  const one = /^\/wc\/v3\/orders\/(\d+)$/.exec(route);
  if (one) {
    const id = Number(one[1]);
    if (method === 'GET') {
      const order = shop.orders.get(id);
      return order ? jsonAnswer(200, renderOrder(order, fieldsOf(req.query))) : invalidId(404);
    }
    if (method === 'PUT' || method === 'POST' || method === 'PATCH') return updateOrder(shop, id, req);
  }
  return errorAnswer({ status: 404, code: 'rest_no_route', message: 'No route was found matching the URL and request method.' });
}
