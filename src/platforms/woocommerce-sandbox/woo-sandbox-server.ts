/**
 * The WooCommerce sandbox's HTTP server (node:http, so faults can drop sockets mid-request):
 * routing of /wp-json and ?rest_route=, authentication, scripted faults, request log, webhooks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenSandbox } from '../listen-sandbox.js';
import { UsageError } from '../../errors.js';
import { createSandboxFaults } from '../sandbox/sandbox-faults.js';
import { authenticate } from './woo-sandbox-auth.js';
import { errorAnswer, handleWooRoute, type RouteAnswer } from './woo-sandbox-routes.js';
import { WooSandboxShop } from './woo-sandbox-shop.js';
import { WOO_SANDBOX_KEYS, type WooSandbox, type WooSandboxOptions, type WooSandboxRequestLog } from './woo-sandbox-types.js';
import { WooWebhookRegistry } from './woo-sandbox-webhook-registry.js';
import { createWebhookSender } from './woo-sandbox-webhooks.js';
import { createWooShopClock } from './woo-shop-clock.js';
import { seedWooShop } from './woo-shop-seed.js';

function html(status: number, title: string, text: string, headers: Record<string, string> = {}): RouteAnswer {
  return { status, headers: { 'content-type': 'text/html; charset=UTF-8', ...headers }, body: `<!DOCTYPE html>\n<html lang="it-IT"><head><meta charset="UTF-8"><title>${title}</title></head><body>${text}</body></html>\n` };
}

/** What a WordPress host shows on a PHP fatal error: a whole HTML page, never JSON. */
function criticalErrorPage(status: number): RouteAnswer {
  const filler = '<p>'.concat('Please check your site admin email inbox for instructions. '.repeat(40), '</p>');
  return html(status, 'WordPress &rsaquo; Error', `<div class="wp-die-message"><p>There has been a critical error on this website.</p>${filler}<p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p></div>`);
}

export async function startWooSandbox(options: WooSandboxOptions = {}): Promise<WooSandbox> {
  const orders = options.orders ?? 40;
  if (!Number.isInteger(orders) || orders < 0) throw new UsageError('SANDBOX_ORDERS_INVALID', `The number of sandbox orders must be a non-negative integer (got ${orders}).`);
  const shop = new WooSandboxShop(createWooShopClock(options.now ?? Date.now(), options.frozenClock ?? false));
  shop.keys.push(...(options.keys ?? [WOO_SANDBOX_KEYS.readWrite, WOO_SANDBOX_KEYS.readOnly]).map((k) => ({ ...k })));
  seedWooShop(shop, { orders, seed: options.seed ?? 1 });
  const permalinks = options.permalinks ?? 'pretty';
  const faults = createSandboxFaults(options.latencyMs ?? 0);
  const requests: WooSandboxRequestLog[] = [];
  const usedNonces = new Set<string>();
  const closing = new AbortController();
  let url = '';
  let webhooks: ReturnType<typeof createWebhookSender> | null = null;
  const registry = new WooWebhookRegistry(shop.clock, () => url);
  shop.onSave((order) => registry.deliver(order));

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`sandbox internal error: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const full = new URL(req.url ?? '/', url);
    const method = (req.method ?? 'GET').toUpperCase();
    const restRoute = full.searchParams.get('rest_route');
    let route: string | null = null;
    if ((full.pathname === '/' || full.pathname === '/index.php') && restRoute !== null) route = restRoute;
    else if (full.pathname.startsWith('/wp-json/') && permalinks === 'pretty') route = full.pathname.slice('/wp-json'.length);
    const entry: WooSandboxRequestLog = { method, route: route ?? full.pathname, path: full.pathname, query: full.search.replace(/^\?/, ''), auth: null, status: 0, at: shop.clock.now(), ...(body !== '' ? { body } : {}) };
    requests.push(entry);

    if (faults.latencyMs > 0) await sleep(faults.latencyMs, closing.signal);
    if (closing.signal.aborted) return void req.socket.destroy();

    if (route === null) {
      if (full.pathname === '/') return send(res, entry, html(200, 'Bottega Italiana', '<h1>Bottega Italiana</h1>'));
      return send(res, entry, html(404, 'Pagina non trovata &ndash; Bottega Italiana', '<h1>Oops! Pagina non trovata.</h1>'));
    }

    const fault = faults.take(method, route);
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'fail') {
      const status = fault.status ?? 500;
      const retryAfter: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      if (status === 429) return send(res, entry, html(429, '429 Too Many Requests', '<h1>Too Many Requests</h1><p>Your IP made too many requests.</p>', retryAfter));
      if (status >= 500) return send(res, entry, { ...criticalErrorPage(status), headers: { ...criticalErrorPage(status).headers, ...retryAfter } });
      return send(res, entry, errorAnswer({ status, code: 'sandbox_fault', message: fault.message ?? `HTTP ${status}` }));
    }

    const auth = authenticate(method, full, req.headers.authorization, shop.keys, usedNonces);
    if (!auth.ok) {
      entry.auth = auth.mode ?? null;
      return send(res, entry, errorAnswer(auth.error));
    }
    entry.auth = auth.mode;
    const routeRequest = {
      method,
      route,
      query: full.searchParams,
      body,
      linkBase: (r: string, q: URLSearchParams) => (permalinks === 'pretty' ? `${url}/wp-json${r}?${q.toString()}` : `${url}/?rest_route=${r}&${q.toString()}`),
    };
    const answer = registry.route(routeRequest) ?? handleWooRoute(shop, routeRequest);
    if (fault?.kind === 'commitThenDrop') return void req.socket.destroy();
    if (fault?.kind === 'commitThen500') return send(res, entry, criticalErrorPage(500));
    send(res, entry, answer);
  }

  const address = await listenSandbox(server, options);
  url = address.url;
  if (options.webhook) {
    const sender = createWebhookSender(options.webhook, url, () => shop.clock.now());
    webhooks = sender;
    shop.onSave((order) => sender.send(order));
  }

  return {
    url,
    port: address.port,
    shop,
    faults,
    requests,
    webhookDeliveries: webhooks?.deliveries ?? [],
    webhooks: registry,
    flushWebhooks: async () => {
      await webhooks?.flush();
      await registry.flush();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, entry: WooSandboxRequestLog, answer: RouteAnswer): void {
  if (res.destroyed) return;
  entry.status = answer.status;
  res.writeHead(answer.status, { 'x-powered-by': 'PHP/8.2', ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
  res.end(answer.body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
