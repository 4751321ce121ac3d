/** The public contract of the sandbox: what tests, `ecom-sync demo`, benchmarks and `ecom-sync sandbox` use. */
import type { SandboxFaults } from './sandbox-faults.js';
import type { SandboxShop } from './sandbox-shop.js';

/** Exactly 32 characters, as PrestaShop requires of webservice keys. */
export const DEFAULT_SANDBOX_KEY = 'ECOMSYNCSANDBOXKEY00000000000001';

export interface SandboxOptions {
  /** Default 0 (a random free port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** 32 characters; default DEFAULT_SANDBOX_KEY. */
  apiKey?: string;
  /** Seeded orders, default 300. */
  orders?: number;
  /** Seed of the deterministic generator, default 1. */
  seed?: number;
  /** Added to every request, default 0. */
  latencyMs?: number;
  /** Shop clock start, local time `YYYY-MM-DD HH:MM:SS`; default: now in Europe/Rome. */
  now?: string;
  /** Keep the shop clock still (only setNow/advanceClock move it); default false. */
  frozenClock?: boolean;
  /**
   * The key's permissions, resource -> methods (`{ orders: ['GET', 'HEAD'] }`), as ticked in Advanced
   * Parameters > Webservice. A resource left out answers 401 code 26, a method left out 405 code 25.
   * Default: every resource with GET and HEAD, POST on order_histories.
   */
  permissions?: Record<string, string[]> | null;
  /** The shop's debug mode: an uncaught PHP exception answers 200 with its text instead of a bare 500. Default false. */
  debugMode?: boolean;
  /** false: no URL rewriting, the webservice answers only at `/webservice/dispatcher.php?url=…`. Default true. */
  urlRewrite?: boolean;
  /** A multistore install: shop 2 "Bottega Outlet" besides shop 1, with every even order id in shop 2. */
  multishop?: boolean;
}

export interface SandboxRequestLog {
  method: string;
  /** Path without the query, e.g. `/api/order_histories`. */
  path: string;
  /** The raw (still URL-encoded) query string, without `?`. */
  query: string;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  /** Arrival time, epoch milliseconds. */
  at: number;
  format: 'XML' | 'JSON';
  /** Request body (POST), as received. */
  body?: string;
}

export interface Sandbox {
  /** Shop base URL `http://127.0.0.1:PORT`; the webservice is under `${url}/api/`. */
  url: string;
  port: number;
  apiKey: string;
  faults: SandboxFaults;
  shop: SandboxShop;
  /** Every request in arrival order. */
  requests: SandboxRequestLog[];
  /** Changes the key's permissions (see SandboxOptions.permissions); null: everything. */
  setPermissions(permissions: Record<string, string[]> | null): void;
  setDebugMode(on: boolean): void;
  /** Called after each answer was sent (tests change the shop between two pages of a pull). */
  onRequest(listener: (entry: SandboxRequestLog) => void): void;
  close(): Promise<void>;
}
