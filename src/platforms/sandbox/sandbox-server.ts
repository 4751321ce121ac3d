/**
 * The sandbox's HTTP server (node:http, so that faults can drop sockets mid-request). Applies
 * latency and faults around the webservice router and adds PrestaShop's response headers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenSandbox } from '../listen-sandbox.js';
import { UsageError } from '../../errors.js';
import { createSandboxFaults, defaultFaultError, type ArmedFault } from './sandbox-faults.js';
import { SandboxShop } from './sandbox-shop.js';
import { DEFAULT_SANDBOX_KEY, type Sandbox, type SandboxOptions, type SandboxRequestLog } from './sandbox-types.js';
import { seedShop } from './shop-seed.js';
import { buildResources } from './ws-resources.js';
import { errorResponse, formatOf, handleWsRequest, type WsContext, type WsPermissions, type WsResponse } from './ws-router.js';

export const PSWS_VERSION = '8.2.1';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const apiKey = options.apiKey ?? DEFAULT_SANDBOX_KEY;
  if (apiKey.length !== 32) {
    throw new UsageError('SANDBOX_KEY_INVALID', 'The sandbox API key must be exactly 32 characters long.');
  }
  const orders = options.orders ?? 300;
  if (!Number.isInteger(orders) || orders < 0) throw new UsageError('SANDBOX_ORDERS_INVALID', `The number of sandbox orders must be a non-negative integer (got ${orders}).`);

  const shop = new SandboxShop({ ...(options.now ? { start: options.now } : {}), frozen: options.frozenClock ?? false });
  seedShop(shop, { orders, seed: options.seed ?? 1 });
  const faults = createSandboxFaults(options.latencyMs ?? 0);
  const requests: SandboxRequestLog[] = [];
  const closing = new AbortController();
  if (options.multishop) {
    // A second store of the same install: every other order belongs to it.
    shop.addShop({ id: 2, name: 'Bottega Outlet' });
    for (const order of shop.orders.values()) if (order.id % 2 === 0) order.id_shop = 2;
  }
  const ctx: WsContext = {
    shop, resources: buildResources(), apiKey, url: '', permissions: permissionsOf(options.permissions), debugMode: options.debugMode ?? false,
  };
  const urlRewrite = options.urlRewrite ?? true;
  const listeners: Array<(entry: SandboxRequestLog) => void> = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug of the sandbox itself: answer something visible rather than hang the client.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`sandbox internal error: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const body = await readBody(req);
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    let path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    let query = q === -1 ? '' : rawUrl.slice(q + 1);
    let webservice = urlRewrite && (path === '/api' || path.startsWith('/api/'));
    if (path === '/webservice/dispatcher.php') {
      // Without URL rewriting the webservice is `dispatcher.php?url=<resource>[/id]&...`: the same requests.
      const params = new URLSearchParams(query);
      const target = params.get('url') ?? '';
      params.delete('url');
      path = `/api/${target}`.replace(/\/+$/, '');
      query = params.toString();
      webservice = true;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const format = formatOf({ jsonRequested: new URLSearchParams(query).get('output_format') === 'JSON' } as never, req.headers);
    const entry: SandboxRequestLog = { method, path, query, status: 0, at: Date.now(), format, ...(body !== '' ? { body } : {}) };
    requests.push(entry);

    if (faults.latencyMs > 0) await sleep(faults.latencyMs, closing.signal);
    if (closing.signal.aborted) return void req.socket.destroy();

    const fault = faults.take(method, path);
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'fail') {
      const status = fault.status ?? 500;
      const defaults = defaultFaultError(status);
      const extra: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      return send(res, entry, errorResponse(status, fault.code ?? defaults.code, fault.message ?? defaults.message, format, extra), method, started);
    }

    const scripted = (fault: ArmedFault): WsResponse => ({
      status: fault.status ?? 200,
      headers: { 'content-type': fault.contentType ?? (format === 'JSON' ? 'application/json' : 'text/xml;charset=utf-8') },
      body: fault.body ?? '',
      format,
    });
    if (fault?.kind === 'answer' && fault.commit !== true) return send(res, entry, scripted(fault), method, started);

    const answer: WsResponse = webservice
      ? handleWsRequest(ctx, { method, pathname: path, rawQuery: query, headers: req.headers, body })
      : frontOffice(path, format);

    if (fault?.kind === 'commitThenDrop') return void req.socket.destroy();
    if (fault?.kind === 'commitThen500') return send(res, entry, errorResponse(500, 46, 'Unable to save resource', format), method, started);
    if (fault?.kind === 'answer') return send(res, entry, scripted(fault), method, started);
    send(res, entry, answer, method, started);
    for (const listener of listeners) listener(entry);
  }

  const address = await listenSandbox(server, options);
  ctx.url = address.url;

  return {
    url: ctx.url,
    port: address.port,
    apiKey,
    faults,
    shop,
    requests,
    setPermissions(permissions) {
      ctx.permissions = permissionsOf(permissions ?? undefined);
    },
    setDebugMode(on) {
      ctx.debugMode = on;
    },
    onRequest(listener) {
      listeners.push(listener);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function permissionsOf(permissions: SandboxOptions['permissions']): WsPermissions {
  if (permissions === undefined || permissions === null) return null;
  return new Map(Object.entries(permissions).map(([resource, methods]) => [resource, new Set(methods.map((m) => m.toUpperCase()))]));
}

/** PrestaShop's session cookie: 8.2.1 sets one on every answer, webservice or not. */
function sessionCookie(): string {
  const expires = new Date(Date.now() + 1_728_000_000).toUTCString();
  return `PrestaShop-8c5dbc3e14de534910a26de1bd7d3bcd=def502${randomBytes(24).toString('hex')}; expires=${expires}; Max-Age=1728000; path=/; HttpOnly; SameSite=Lax`;
}

function send(res: ServerResponse, entry: SandboxRequestLog, answer: WsResponse, method: string, started: bigint): void {
  if (res.destroyed) return;
  entry.status = answer.status;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const headers: Record<string, string> = {
    'set-cookie': sessionCookie(),
    ...(answer.bare ? {} : {
      'access-time': String(Math.floor(Date.now() / 1000)),
      'x-powered-by': 'PrestaShop Webservice',
      'psws-version': PSWS_VERSION,
      'execution-time': seconds.toFixed(3),
    }),
    ...answer.headers,
    'content-length': String(Buffer.byteLength(answer.body)),
  };
  // Apache closes the connection after a 400 or a 5xx (`06b-*`, `07-*`, `12-*`).
  if (answer.status === 400 || answer.status >= 500) headers.connection = 'close';
  if (answer.body !== '' && !answer.bare) headers['content-sha1'] = createHash('sha1').update(answer.body).digest('hex');
  res.writeHead(answer.status, headers);
  res.end(method === 'HEAD' ? undefined : answer.body);
}

/** Anything outside /api: a minimal shop front page, 404 elsewhere. */
function frontOffice(path: string, format: 'XML' | 'JSON'): WsResponse {
  if (path === '/' || path === '/index.php') {
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><title>Bottega Italiana</title><h1>Bottega Italiana</h1>\n', format, bare: true };
  }
  return { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><title>404</title><h1>Pagina non trovata</h1>\n', format, bare: true };
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
