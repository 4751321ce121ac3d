import type { OrderDrift } from './orders-page-import.js';

/** One store's part of `orders pull`, the same for every platform. */
export interface StoreOrdersPullResult {
  id_store: number;
  store: string;
  ok: boolean;
  /** Where the pull started, ISO 8601 with an offset (PrestaShop: the shop's; null: every order). */
  since: string | null;
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Orders whose platform state changed since the last pull; their local state was left alone. */
  drift: OrderDrift[];
  /** Order page requests. */
  pages: number;
  /** Every platform request: pages plus the customer and address look-ups (100 ids each). */
  requests: number;
  /** The greatest platform date_upd imported so far, ISO 8601 with an offset: the next incremental pull starts there. */
  watermark: string | null;
  warnings: string[];
  error?: { code: string; message: string };
}

