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
  close(): Promise<void>;
}
